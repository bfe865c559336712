import { type NativeFrame, type PixelDescription, UnsupportedPixelFormatError } from './pixel-description.ts';

export interface Window {
  center: number;
  width: number;
}

/** The frame's samples as an unsigned typed array over its bytes (copied only when misaligned). */
export function sampleArray(frame: NativeFrame): Uint8Array | Uint16Array {
  const { pixelData, bitsAllocated } = frame;
  if (bitsAllocated === 8) return pixelData;
  if (bitsAllocated !== 16)
    throw new UnsupportedPixelFormatError(`Rendering ${bitsAllocated}-bit samples is not supported`);
  const aligned = pixelData.byteOffset % 2 === 0 ? pixelData : Buffer.from(pixelData);
  return new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 1);
}

/**
 * Stored values are `((raw & mask) ^ sign) - sign`: the bits above Bits Stored dropped (overlays live there in
 * old files) and the top stored bit sign-extended when Pixel Representation is 1.
 */
export function storedValueBits(frame: NativeFrame): { mask: number; sign: number } {
  const mask = frame.bitsStored >= 32 ? 0xffffffff : 2 ** frame.bitsStored - 1;
  return { mask, sign: frame.pixelRepresentation === 1 ? 2 ** (frame.bitsStored - 1) : 0 };
}

/** The window to apply: the caller's, else the dataset's, else one spanning the frame's modality values. */
export function chooseWindow(
  samples: Uint8Array | Uint16Array,
  frame: NativeFrame,
  pixel: PixelDescription,
  requested: Partial<Window>,
): Window {
  const usable = (center?: number, width?: number) =>
    center !== undefined &&
    width !== undefined &&
    Number.isFinite(center) &&
    Number.isFinite(width) &&
    width >= 1;
  if (usable(requested.center, requested.width))
    return { center: requested.center!, width: requested.width! };
  if (usable(pixel.windowCenter, pixel.windowWidth))
    return { center: pixel.windowCenter!, width: pixel.windowWidth! };
  const { mask, sign } = storedValueBits(frame);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < samples.length; i++) {
    const value = ((samples[i]! & mask) ^ sign) - sign;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const slope = pixel.rescaleSlope ?? 1;
  const intercept = pixel.rescaleIntercept ?? 0;
  const [low, high] = [min * slope + intercept, max * slope + intercept].sort((a, b) => a - b) as [
    number,
    number,
  ];
  // With PS3.3 C.11.2.1.2's formula, this window maps `low` to 0 and `high` to the top.
  return { center: (low + high) / 2 + 0.5, width: high - low + 1 };
}

/**
 * A lookup table from masked raw sample to display byte: rescale, then the linear VOI window of PS3.3
 * C.11.2.1.2, then inversion for MONOCHROME1. Built once per frame so the per-pixel work is one lookup.
 */
export function displayLut(
  frame: NativeFrame,
  pixel: PixelDescription,
  window: Window,
  invert: boolean,
): Uint8Array {
  const { mask, sign } = storedValueBits(frame);
  const slope = pixel.rescaleSlope ?? 1;
  const intercept = pixel.rescaleIntercept ?? 0;
  const { center, width } = window;
  const lower = center - 0.5 - (width - 1) / 2;
  const upper = center - 0.5 + (width - 1) / 2;
  const lut = new Uint8Array(mask + 1);
  for (let raw = 0; raw <= mask; raw++) {
    const value = ((raw ^ sign) - sign) * slope + intercept;
    let out: number;
    if (value <= lower) out = 0;
    else if (value > upper) out = 255;
    else out = Math.round(((value - (center - 0.5)) / (width - 1) + 0.5) * 255);
    lut[raw] = invert ? 255 - out : out;
  }
  return lut;
}

/** A monochrome frame windowed to 8-bit grey. */
export function windowToGray(
  frame: NativeFrame,
  pixel: PixelDescription,
  requested: Partial<Window>,
): Uint8Array {
  if (frame.bitsStored > 16) throw new UnsupportedPixelFormatError('Rendering more than 16 stored bits');
  const samples = sampleArray(frame);
  const window = chooseWindow(samples, frame, pixel, requested);
  const lut = displayLut(frame, pixel, window, frame.photometricInterpretation === 'MONOCHROME1');
  const { mask } = storedValueBits(frame);
  const pixels = frame.rows * frame.columns;
  const out = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) out[i] = lut[samples[i]! & mask]!;
  return out;
}
