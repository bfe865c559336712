import { MalformedFrameError, type PixelDescription } from './pixel-description.ts';

/** What a compressed frame says about itself, read before any decoder allocates for it. */
export interface CodestreamHeader {
  /** The JPEG start-of-frame marker (0xc0…0xcf, 0xf7 for JPEG-LS), or 0x51 (SIZ) for JPEG 2000. */
  marker: number;
  precision: number;
  rows: number;
  columns: number;
  components: number;
  signed: boolean;
}

const isStartOfFrame = (marker: number) =>
  (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
  marker === 0xf7;

/** A JPEG segment: the marker and its payload's bounds (the bytes after the length field). */
export interface JpegSegment {
  marker: number;
  start: number;
  end: number;
}

/** Walks the marker segments from SOI up to and including the first SOS (whose payload is its header). */
export function* jpegSegments(data: Uint8Array, from = 2): Generator<JpegSegment> {
  if (from === 2 && (data[0] !== 0xff || data[1] !== 0xd8))
    throw new MalformedFrameError('Not a JPEG stream');
  let pos = from;
  while (pos + 1 < data.length) {
    if (data[pos] !== 0xff) throw new MalformedFrameError(`No JPEG marker at byte ${pos}`);
    const marker = data[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xd9) return;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (pos + 4 > data.length) break;
    const length = (data[pos + 2]! << 8) | data[pos + 3]!;
    const end = pos + 2 + length;
    if (length < 2 || end > data.length) break;
    yield { marker, start: pos + 4, end };
    pos = end;
  }
  throw new MalformedFrameError('JPEG stream ends before its image data');
}

export function readJpegHeader(data: Uint8Array): CodestreamHeader {
  for (const { marker, start, end } of jpegSegments(data)) {
    if (marker === 0xda) break;
    if (!isStartOfFrame(marker)) continue;
    if (end - start < 6) break;
    return {
      marker,
      precision: data[start]!,
      rows: (data[start + 1]! << 8) | data[start + 2]!,
      columns: (data[start + 3]! << 8) | data[start + 4]!,
      components: data[start + 5]!,
      signed: false,
    };
  }
  throw new MalformedFrameError('JPEG stream has no frame header');
}

/** Whether the stream ends with an EOI (or J2K EOC) marker, allowing for the even-length padding byte. */
export function endsWithEndMarker(data: Uint8Array): boolean {
  let end = data.length;
  if (data[end - 1] === 0) end--;
  return data[end - 2] === 0xff && data[end - 1] === 0xd9;
}

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];

/** The JPEG 2000 codestream: the frame itself, or the contents of the 'jp2c' box of a JP2 file. */
export function j2kCodestream(data: Uint8Array): Uint8Array {
  if (!JP2_SIGNATURE.every((byte, i) => data[i] === byte)) return data;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  while (pos + 8 <= data.length) {
    let length = view.getUint32(pos);
    const type = view.getUint32(pos + 4);
    let header = 8;
    if (length === 1) {
      if (pos + 16 > data.length) break;
      length = Number(view.getBigUint64(pos + 8));
      header = 16;
    } else if (length === 0) length = data.length - pos;
    if (length < header || pos + length > data.length) break;
    if (type === 0x6a703263) return data.subarray(pos + header, pos + length);
    pos += length;
  }
  throw new MalformedFrameError('JP2 file without a codestream box');
}

export function readJ2kHeader(codestream: Uint8Array): CodestreamHeader {
  const view = new DataView(codestream.buffer, codestream.byteOffset, codestream.byteLength);
  if (codestream.length < 42 || view.getUint16(0) !== 0xff4f || view.getUint16(2) !== 0xff51)
    throw new MalformedFrameError('Not a JPEG 2000 codestream');
  const components = view.getUint16(40);
  if (components === 0 || codestream.length < 42 + components * 3)
    throw new MalformedFrameError('JPEG 2000 image header cut short');
  let precision = 0;
  let signed = false;
  for (let c = 0; c < components; c++) {
    const ssiz = codestream[42 + c * 3]!;
    precision = Math.max(precision, (ssiz & 0x7f) + 1);
    signed ||= (ssiz & 0x80) !== 0;
  }
  return {
    marker: 0x51,
    precision,
    columns: view.getUint32(8) - view.getUint32(16),
    rows: view.getUint32(12) - view.getUint32(20),
    components,
    signed,
  };
}

/** Refuses a codestream whose geometry differs from the dataset's, before a decoder sizes its buffers. */
export function checkHeader(header: CodestreamHeader, pixel: PixelDescription): void {
  if (header.rows !== pixel.rows || header.columns !== pixel.columns)
    throw new MalformedFrameError(
      `Compressed frame is ${header.columns}×${header.rows}, the dataset says ${pixel.columns}×${pixel.rows}`,
    );
  if (header.components !== pixel.samplesPerPixel)
    throw new MalformedFrameError(
      `Compressed frame has ${header.components} components, the dataset says ${pixel.samplesPerPixel}`,
    );
  if (header.precision < 1 || header.precision > 16 || header.precision > pixel.bitsAllocated)
    throw new MalformedFrameError(
      `Compressed frame has ${header.precision}-bit samples for ${pixel.bitsAllocated} bits allocated`,
    );
}
