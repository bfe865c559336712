import type { ByteSource } from './byte-source.ts';
import type { ByteSpan, PixelDataLocation } from './dicom-parse.ts';
import type { StoredFrames } from './imaging.schema.ts';

export type FrameGeometry = {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  numberOfFrames: number;
};

/** Bytes of one native frame: bits are packed across frames only for 1-bit data, which this rounds up. */
export function nativeFrameLength(g: FrameGeometry): number {
  return Math.ceil((g.rows * g.columns * g.samplesPerPixel * g.bitsAllocated) / 8);
}

/** Whether a fragment opens a frame: a JPEG or JPEG-LS start-of-image, or a JPEG 2000 codestream marker. */
async function opensFrame(source: ByteSource, fragment: ByteSpan): Promise<boolean> {
  if (fragment.length < 2) return false;
  const head = await source.read(fragment.offset, 2);
  return head[0] === 0xff && (head[1] === 0xd8 || head[1] === 0x4f);
}

function flatten(fragments: readonly ByteSpan[]): number[] {
  return fragments.flatMap((f) => [f.offset, f.length]);
}

/**
 * Groups encapsulated fragments into frames (PS3.5 A.4): by the Basic Offset Table when the encoder filled
 * it, one fragment per frame when the counts agree, all fragments for a single frame, and otherwise by the
 * fragments that start a new codestream.
 */
async function encapsulatedFrames(
  source: ByteSource,
  pixel: PixelDataLocation,
  frameCount: number,
): Promise<number[][]> {
  const { fragments, basicOffsets } = pixel;
  if (!fragments.length) return [];
  if (frameCount <= 1) return [flatten(fragments)];
  if (fragments.length === frameCount) return fragments.map((f) => [f.offset, f.length]);
  const firstItem = (fragments[0]?.offset ?? 0) - 8;
  if (basicOffsets.length === frameCount) {
    const starts = new Set(basicOffsets);
    const frames: ByteSpan[][] = [];
    for (const fragment of fragments) {
      if (starts.has(fragment.offset - 8 - firstItem) || !frames.length) frames.push([]);
      frames[frames.length - 1]?.push(fragment);
    }
    if (frames.length === frameCount) return frames.map(flatten);
  }
  const frames: ByteSpan[][] = [];
  for (const fragment of fragments) {
    if (!frames.length || (await opensFrame(source, fragment))) frames.push([]);
    frames[frames.length - 1]?.push(fragment);
  }
  return frames.map(flatten);
}

/** Where each frame of an instance lies, for frame retrieval without parsing the file again. */
export async function locateFrames(
  source: ByteSource,
  pixel: PixelDataLocation | null,
  geometry: FrameGeometry | null,
): Promise<StoredFrames> {
  if (!pixel || !geometry) return { kind: 'none' };
  if (!pixel.encapsulated) {
    const frameLength = nativeFrameLength(geometry);
    if (frameLength === 0) return { kind: 'none' };
    const count = Math.min(geometry.numberOfFrames, Math.floor(pixel.length / frameLength));
    return { kind: 'native', offset: pixel.offset, frameLength, count };
  }
  return { kind: 'encapsulated', frames: await encapsulatedFrames(source, pixel, geometry.numberOfFrames) };
}
