import { toRgb } from './colour-pixels.ts';
import { encodeJpeg } from './jpeg-codecs.ts';
import {
  MalformedFrameError,
  type NativeFrame,
  nativeFrameLength,
  type PixelDescription,
  UnsupportedPixelFormatError,
} from './pixel-description.ts';
import { encodePng } from './png-encoder.ts';
import { fitToViewport, resample, type Size } from './resample.ts';
import { windowToGray } from './window-level.ts';

export type RenderFormat = 'image/jpeg' | 'image/png';

export interface RenderOptions {
  format: RenderFormat;
  /** Overrides the dataset's window (both must be given; width ≥ 1). */
  windowCenter?: number;
  windowWidth?: number;
  /** Scales the image to fit, keeping its aspect ratio (up or down); sides above MAX_RENDER_SIDE are cut to it. */
  viewport?: Size;
  /** JPEG quality, 1…100 (default 90). */
  quality?: number;
}

export const DEFAULT_JPEG_QUALITY = 90;
export const MAX_RENDER_SIDE = 4096;

/** The frame as 8-bit display pixels: grey for MONOCHROME1/2 (windowed), RGB for colour. */
export function displayPixels(
  native: NativeFrame,
  pixel: PixelDescription,
  window: { center?: number; width?: number } = {},
): { pixels: Uint8Array; channels: 1 | 3 } {
  if (native.pixelData.length < nativeFrameLength(native))
    throw new MalformedFrameError('Frame shorter than its rows, columns and samples');
  if (/^MONOCHROME[12]$/.test(native.photometricInterpretation)) {
    if (native.samplesPerPixel !== 1)
      throw new UnsupportedPixelFormatError('Monochrome with several samples');
    return { pixels: windowToGray(native, pixel, window), channels: 1 };
  }
  return { pixels: toRgb(native, pixel), channels: 3 };
}

/**
 * Renders a decoded frame (see decodeFrame) as a JPEG or PNG: rescale slope/intercept, the window (requested,
 * else the dataset's, else the frame's full range), MONOCHROME1 inversion or colour conversion, then scaling
 * into the viewport.
 */
export async function renderFrame(
  native: NativeFrame,
  pixel: PixelDescription,
  options: RenderOptions,
): Promise<Buffer> {
  const { pixels, channels } = displayPixels(native, pixel, {
    center: options.windowCenter,
    width: options.windowWidth,
  });
  const from = { width: native.columns, height: native.rows };
  const viewport = options.viewport && validSize(options.viewport) ? options.viewport : undefined;
  const to = viewport
    ? fitToViewport(from, {
        width: Math.min(MAX_RENDER_SIDE, viewport.width),
        height: Math.min(MAX_RENDER_SIDE, viewport.height),
      })
    : from;
  const scaled = resample(pixels, from, to, channels);
  if (options.format === 'image/png') return encodePng(scaled, to.width, to.height, channels);
  const quality = Math.round(Math.min(100, Math.max(1, options.quality ?? DEFAULT_JPEG_QUALITY)));
  return encodeJpeg(scaled, to.width, to.height, channels, quality);
}

const validSize = (size: Size) =>
  Number.isInteger(size.width) && Number.isInteger(size.height) && size.width > 0 && size.height > 0;

/** A thumbnail: the frame rendered to fit `size` × `size`. */
export function renderThumbnail(
  native: NativeFrame,
  pixel: PixelDescription,
  size = 128,
  format: RenderFormat = 'image/jpeg',
): Promise<Buffer> {
  return renderFrame(native, pixel, { format, viewport: { width: size, height: size } });
}
