import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { bufferSource } from './byte-source.ts';
import type { DicomJson } from './dicom-json.ts';
import { firstNumber, firstText } from './dicom-json.ts';
import { parseDicom } from './dicom-parse.ts';
import { TRANSFER_SYNTAX } from './dicom-tags.ts';
import type { StoredFrames } from './imaging.schema.ts';
import { decodeFrame } from './render/decode-frame.ts';
import { type NativeFrame, PixelDataError, type PixelDescription } from './render/pixel-description.ts';

/** What reading frames needs of a stored instance. */
export type FrameSource = {
  sopInstanceUid: string;
  transferSyntaxUid: string;
  sha256: string;
  frames: StoredFrames;
  bulk: Record<string, [number, number]>;
  metadata: string;
};

export function frameCount(frames: StoredFrames): number {
  return frames.kind === 'native' ? frames.count : frames.kind === 'encapsulated' ? frames.frames.length : 0;
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads byte ranges of a stored instance: by range from the store, or from the inflated dataset of a
 * deflated file (whose offsets point into it; such files are small).
 */
export function rangeReader(ctx: AppContext, source: FrameSource) {
  let inflated: Promise<Buffer> | null = null;
  return async (offset: number, length: number): Promise<Buffer> => {
    if (source.transferSyntaxUid === TRANSFER_SYNTAX.Deflated) {
      inflated ??= ctx.blobs
        .read(source.sha256)
        .then(async (file) => (await parseDicom(bufferSource(file))).inflated ?? Buffer.alloc(0));
      return (await inflated).subarray(offset, offset + length);
    }
    if (length === 0) return Buffer.alloc(0);
    return collect(await ctx.blobs.openRange(source.sha256, { start: offset, end: offset + length - 1 }));
  };
}

/** The bytes of frame n (from 1) as stored: native pixels, or the compressed bitstream of its fragments. */
export async function storedFrame(read: ReturnType<typeof rangeReader>, frames: StoredFrames, n: number) {
  if (frames.kind === 'native') return read(frames.offset + (n - 1) * frames.frameLength, frames.frameLength);
  const spans = frames.kind === 'encapsulated' ? (frames.frames[n - 1] ?? []) : [];
  const pieces: Buffer[] = [];
  for (let i = 0; i + 1 < spans.length; i += 2) pieces.push(await read(spans[i] ?? 0, spans[i + 1] ?? 0));
  return Buffer.concat(pieces);
}

async function paletteData(
  read: ReturnType<typeof rangeReader>,
  json: DicomJson,
  bulk: FrameSource['bulk'],
  key: string,
) {
  const element = json[key];
  if (element?.InlineBinary) return new Uint8Array(Buffer.from(element.InlineBinary, 'base64'));
  const span = bulk[key];
  return span ? new Uint8Array(await read(span[0], span[1])) : undefined;
}

/** The pixel attributes of an instance, from its cached metadata (palettes read from the file when bulk). */
export async function pixelDescription(
  read: ReturnType<typeof rangeReader>,
  source: FrameSource,
): Promise<PixelDescription> {
  const json = JSON.parse(source.metadata) as DicomJson;
  const n = (key: string) => firstNumber(json, key);
  const numbers = (key: string) => (json[key]?.Value ?? []).map(Number);
  const pixel: PixelDescription = {
    transferSyntaxUid: source.transferSyntaxUid,
    rows: n('00280010') ?? 0,
    columns: n('00280011') ?? 0,
    samplesPerPixel: n('00280002') ?? 1,
    bitsAllocated: n('00280100') ?? 16,
    bitsStored: n('00280101') ?? n('00280100') ?? 16,
    highBit: n('00280102') ?? (n('00280101') ?? 16) - 1,
    pixelRepresentation: n('00280103') ?? 0,
    photometricInterpretation: firstText(json, '00280004') ?? 'MONOCHROME2',
  };
  const optional: [keyof PixelDescription, number | undefined][] = [
    ['planarConfiguration', n('00280006')],
    ['rescaleSlope', n('00281053')],
    ['rescaleIntercept', n('00281052')],
    ['windowCenter', n('00281050')],
    ['windowWidth', n('00281051')],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(pixel, { [key]: value });
  if (pixel.photometricInterpretation === 'PALETTE COLOR') {
    pixel.redPaletteDescriptor = numbers('00281101');
    pixel.greenPaletteDescriptor = numbers('00281102');
    pixel.bluePaletteDescriptor = numbers('00281103');
    const [red, green, blue] = await Promise.all(
      ['00281201', '00281202', '00281203'].map((k) => paletteData(read, json, source.bulk, k)),
    );
    if (red) pixel.redPaletteData = red;
    if (green) pixel.greenPaletteData = green;
    if (blue) pixel.bluePaletteData = blue;
  }
  return pixel;
}

/** Frame n decoded to native little-endian pixels; a format the decoders refuse is a 406. */
export async function nativeFrame(
  read: ReturnType<typeof rangeReader>,
  source: FrameSource,
  pixel: PixelDescription,
  n: number,
): Promise<NativeFrame> {
  try {
    return await decodeFrame(await storedFrame(read, source.frames, n), pixel);
  } catch (err) {
    if (err instanceof PixelDataError)
      throw new AppError(
        'not_acceptable',
        `Frame ${n} of instance ${source.sopInstanceUid} cannot be decoded: ${err.message}`,
      );
    throw err;
  }
}
