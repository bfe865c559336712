import { MalformedFrameError } from './pixel-description.ts';

export interface RleGeometry {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** 8 or 16. */
  bitsAllocated: number;
}

const HEADER_LENGTH = 64;

/**
 * Decodes one RLE Lossless frame (PS3.5 Annex G) into interleaved little-endian samples. Segment n holds
 * byte plane n: for each sample, its most significant byte first.
 */
export function decodeRle(frame: Uint8Array, geometry: RleGeometry): Buffer {
  const { rows, columns, samplesPerPixel, bitsAllocated } = geometry;
  const bytesPerSample = bitsAllocated / 8;
  const planes = samplesPerPixel * bytesPerSample;
  if (frame.length < HEADER_LENGTH) throw new MalformedFrameError('RLE frame shorter than its header');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== planes)
    throw new MalformedFrameError(`RLE frame has ${segments} segments, expected ${planes}`);

  const pixels = rows * columns;
  const stride = planes;
  const out = Buffer.alloc(pixels * planes);
  for (let segment = 0; segment < segments; segment++) {
    const start = view.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segments ? view.getUint32(8 + segment * 4, true) : frame.length;
    if (start < HEADER_LENGTH || end > frame.length || start >= end)
      throw new MalformedFrameError(`RLE segment ${segment} has invalid offsets ${start}..${end}`);
    const sample = Math.floor(segment / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const written = unpackSegment(
      frame,
      start,
      end,
      out,
      sample * bytesPerSample + byteInSample,
      stride,
      pixels,
    );
    if (written < pixels)
      throw new MalformedFrameError(`RLE segment ${segment} decodes to ${written} of ${pixels} bytes`);
  }
  return out;
}

/** PackBits: writes at most `count` bytes at `offset`, `offset + stride`, …; returns how many it wrote. */
function unpackSegment(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  offset: number,
  stride: number,
  count: number,
): number {
  let i = start;
  let n = 0;
  let o = offset;
  while (i < end && n < count) {
    const header = src[i++]!;
    if (header < 128) {
      const length = Math.min(header + 1, count - n);
      if (i + length > end) throw new MalformedFrameError('RLE literal run past the end of its segment');
      for (let k = 0; k < length; k++, o += stride) out[o] = src[i + k]!;
      i += header + 1;
      n += length;
    } else if (header > 128) {
      if (i >= end) throw new MalformedFrameError('RLE replicate run past the end of its segment');
      const value = src[i++]!;
      const length = Math.min(257 - header, count - n);
      for (let k = 0; k < length; k++, o += stride) out[o] = value;
      n += length;
    }
  }
  return n;
}
