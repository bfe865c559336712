/** The Image Pixel module attributes (PS3.3 C.7.6.3) that decoding and rendering a frame need. */
export interface PixelDescription {
  transferSyntaxUid: string;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  photometricInterpretation: string;
  /** 0 colour-by-pixel (interleaved), 1 colour-by-plane. */
  planarConfiguration?: number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  /** First values of Window Center / Window Width. */
  windowCenter?: number;
  windowWidth?: number;
  /** PALETTE COLOR: the LUT descriptors (entries, first mapped value, bits per entry) and data (raw LE bytes). */
  redPaletteDescriptor?: readonly number[];
  greenPaletteDescriptor?: readonly number[];
  bluePaletteDescriptor?: readonly number[];
  redPaletteData?: Uint8Array;
  greenPaletteData?: Uint8Array;
  bluePaletteData?: Uint8Array;
}

/** A frame's pixels as they are laid out in an Explicit VR Little Endian file, and what those bytes are. */
export interface NativeFrame {
  pixelData: Buffer;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  photometricInterpretation: string;
  planarConfiguration: number;
}

/** Base class of every refusal: the archive maps its subclasses to HTTP statuses. */
export class PixelDataError extends Error {}

/** A transfer syntax this module cannot decode (HTTP 406/415 for the archive). */
export class UnsupportedTransferSyntaxError extends PixelDataError {
  constructor(readonly transferSyntaxUid: string) {
    super(`Transfer syntax ${transferSyntaxUid} is not supported`);
    this.name = 'UnsupportedTransferSyntaxError';
  }
}

/** Pixel attributes this module cannot decode or render (for example 32-bit samples, or a 12-bit progressive JPEG). */
export class UnsupportedPixelFormatError extends PixelDataError {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedPixelFormatError';
  }
}

/** A frame whose bytes contradict its description or its own headers, or are cut short. */
export class MalformedFrameError extends PixelDataError {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedFrameError';
  }
}

/** The most one decoded frame may take: a 4k × 4k RGB 16-bit frame is ~100 MB. */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

/** Bytes of one native frame; checks the attributes make sense first. */
export function nativeFrameLength(
  pixel: Pick<PixelDescription, 'rows' | 'columns' | 'samplesPerPixel' | 'bitsAllocated' | 'bitsStored'>,
): number {
  const { rows, columns, samplesPerPixel, bitsAllocated, bitsStored } = pixel;
  const valid =
    Number.isInteger(rows) &&
    Number.isInteger(columns) &&
    rows > 0 &&
    columns > 0 &&
    rows <= 0xffff &&
    columns <= 0xffff &&
    (samplesPerPixel === 1 || samplesPerPixel === 3) &&
    [1, 8, 16, 32].includes(bitsAllocated) &&
    bitsStored >= 1 &&
    bitsStored <= bitsAllocated;
  if (!valid)
    throw new UnsupportedPixelFormatError(
      `Unsupported pixel attributes: ${rows}×${columns}, ${samplesPerPixel} samples, ` +
        `${bitsAllocated}/${bitsStored} bits allocated/stored`,
    );
  const samples = rows * columns * samplesPerPixel;
  const length = bitsAllocated === 1 ? Math.ceil(samples / 8) : samples * (bitsAllocated / 8);
  if (length > MAX_FRAME_BYTES)
    throw new UnsupportedPixelFormatError(`A frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`);
  return length;
}
