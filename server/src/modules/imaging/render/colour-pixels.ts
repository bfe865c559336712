import { type NativeFrame, type PixelDescription, UnsupportedPixelFormatError } from './pixel-description.ts';
import { sampleArray, storedValueBits } from './window-level.ts';

/** A colour frame as interleaved 8-bit RGB: RGB, YBR_FULL, YBR_FULL_422 (uncompressed) or PALETTE COLOR. */
export function toRgb(frame: NativeFrame, pixel: PixelDescription): Uint8Array {
  const photometric = frame.photometricInterpretation;
  if (photometric === 'PALETTE COLOR') return paletteToRgb(frame, pixel);
  if (frame.samplesPerPixel !== 3)
    throw new UnsupportedPixelFormatError(`${photometric} with one sample per pixel`);
  const pixels = frame.rows * frame.columns;
  const samples = sampleArray(frame);
  if (photometric === 'YBR_FULL_422' && frame.bitsAllocated === 8 && frame.planarConfiguration === 0)
    return ybr422ToRgb(samples, frame.rows, frame.columns);
  const out = new Uint8Array(pixels * 3);
  // Channel c of pixel i sits at i * step + c * plane.
  const planar = frame.planarConfiguration === 1;
  const step = planar ? 1 : 3;
  const plane = planar ? pixels : 1;
  const shift = Math.max(0, frame.bitsStored - 8);
  const mask = storedValueBits(frame).mask;
  if (photometric === 'RGB') {
    for (let i = 0, o = 0; i < pixels; i++, o += 3)
      for (let c = 0; c < 3; c++) out[o + c] = (samples[i * step + c * plane]! & mask) >> shift;
    return out;
  }
  if (photometric === 'YBR_FULL' && frame.bitsAllocated === 8) {
    for (let i = 0, o = 0; i < pixels; i++, o += 3)
      ybrToRgb(samples[i * step]!, samples[i * step + plane]!, samples[i * step + 2 * plane]!, out, o);
    return out;
  }
  throw new UnsupportedPixelFormatError(
    `Rendering ${photometric} at ${frame.bitsAllocated} bits is not supported`,
  );
}

/** PS3.3 C.7.6.3.1.2: YBR_FULL to RGB, 8-bit. */
function ybrToRgb(y: number, cb: number, cr: number, out: Uint8Array, o: number): void {
  out[o] = clamp(y + 1.402 * (cr - 128));
  out[o + 1] = clamp(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
  out[o + 2] = clamp(y + 1.772 * (cb - 128));
}

const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

/** Uncompressed YBR_FULL_422 stores each horizontal pair of pixels as Y1 Y2 Cb Cr. */
function ybr422ToRgb(samples: Uint8Array | Uint16Array, rows: number, columns: number): Uint8Array {
  if (columns % 2 !== 0) throw new UnsupportedPixelFormatError('YBR_FULL_422 with an odd number of columns');
  const out = new Uint8Array(rows * columns * 3);
  for (let pair = 0, s = 0, o = 0; pair < (rows * columns) / 2; pair++, s += 4, o += 6) {
    const cb = samples[s + 2]!;
    const cr = samples[s + 3]!;
    ybrToRgb(samples[s]!, cb, cr, out, o);
    ybrToRgb(samples[s + 1]!, cb, cr, out, o + 3);
  }
  return out;
}

/** Reads one palette LUT (descriptor: entries (0 = 65536), first mapped value, bits per entry) as 8-bit values. */
function paletteChannel(descriptor: readonly number[] | undefined, data: Uint8Array | undefined): Uint8Array {
  if (!descriptor || descriptor.length < 3 || !data)
    throw new UnsupportedPixelFormatError('PALETTE COLOR without its LUTs');
  const entries = descriptor[0] === 0 ? 65536 : descriptor[0]!;
  const wide = data.length >= entries * 2;
  if (!wide && data.length < entries)
    throw new UnsupportedPixelFormatError('PALETTE COLOR LUT shorter than its descriptor');
  const values = new Uint16Array(entries);
  let max = 0;
  for (let i = 0; i < entries; i++) {
    values[i] = wide ? data[i * 2]! | (data[i * 2 + 1]! << 8) : data[i]!;
    if (values[i]! > max) max = values[i]!;
  }
  // 16-bit entries keep their high byte; 8-bit ones stored in 16-bit words sit in the low byte.
  const shift = descriptor[2] === 16 || max > 255 ? 8 : 0;
  return Uint8Array.from(values, (value) => value >> shift);
}

function paletteToRgb(frame: NativeFrame, pixel: PixelDescription): Uint8Array {
  const channels = [
    paletteChannel(pixel.redPaletteDescriptor, pixel.redPaletteData),
    paletteChannel(pixel.greenPaletteDescriptor, pixel.greenPaletteData),
    paletteChannel(pixel.bluePaletteDescriptor, pixel.bluePaletteData),
  ];
  const first = pixel.redPaletteDescriptor![1]!;
  const samples = sampleArray(frame);
  const { mask, sign } = storedValueBits(frame);
  const pixels = frame.rows * frame.columns;
  const out = new Uint8Array(pixels * 3);
  for (let c = 0; c < 3; c++) {
    const lut = channels[c]!;
    const last = lut.length - 1;
    for (let i = 0; i < pixels; i++) {
      const index = ((samples[i]! & mask) ^ sign) - sign - first;
      out[i * 3 + c] = lut[index < 0 ? 0 : index > last ? last : index]!;
    }
  }
  return out;
}
