import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../../../test/test-database.ts';
import { decodeFrame, TransferSyntax } from './decode-frame.ts';
import type { NativeFrame, PixelDescription } from './pixel-description.ts';
import { displayPixels, renderFrame, renderThumbnail } from './render-frame.ts';
import { fitToViewport, resample } from './resample.ts';
import { dcmtkRender, hasDcmtk, readPng, readSample, SAMPLES } from './sample-frames.test-helper.ts';

const sample = (name: string) => path.join(SAMPLES, name);

async function decoded(name: string) {
  const { pixel, frames } = readSample(sample(name));
  return { pixel, native: await decodeFrame(frames[0]!, pixel) };
}

const maxDifference = (a: Uint8Array, b: Uint8Array) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
};

const mean = (pixels: Uint8Array) => pixels.reduce((sum, value) => sum + value, 0) / pixels.length;

describe.skipIf(onPostgres)('renderFrame', () => {
  describe.skipIf(!hasDcmtk)('matches dcmtk dcmj2pnm (±1 rounding)', () => {
    it.each([
      [
        'rle.dcm (CT, signed, rescaled), window 40/400',
        'rle.dcm',
        { center: 40, width: 400 },
        ['+Ww', '40', '400'],
      ],
      ['jpeg_lossless_sel1.dcm, its own window', 'jpeg_lossless_sel1.dcm', {}, ['+Wi', '1']],
      [
        'volume/brain_002.dcm (MR), window 300/600',
        'volume/brain_002.dcm',
        { center: 300, width: 600 },
        ['+Ww', '300', '600'],
      ],
      [
        'jpeg_baseline_8bit.dcm (XA), window 128/256',
        'jpeg_baseline_8bit.dcm',
        { center: 128, width: 256 },
        ['+Ww', '128', '256'],
      ],
    ])('%s', async (_, name, window, args) => {
      const { pixel, native } = await decoded(name);
      const reference = dcmtkRender(sample(name), args);
      expect(
        maxDifference(displayPixels(native, pixel, window).pixels, reference.pixels),
      ).toBeLessThanOrEqual(1);
    });
  });

  it('uses the requested window over the dataset one, and the full range when there is neither', async () => {
    const { pixel, native } = await decoded('jpeg_lossless_sel1.dcm');
    const own = displayPixels(native, pixel).pixels;
    const requested = displayPixels(native, pixel, { center: 1000, width: 3000 }).pixels;
    expect(maxDifference(own, requested)).toBeGreaterThan(50);
    const fullRange = displayPixels(native, {
      ...pixel,
      windowCenter: undefined,
      windowWidth: undefined,
    }).pixels;
    expect(fullRange.reduce((min, value) => Math.min(min, value), 255)).toBe(0);
    expect(fullRange.reduce((max, value) => Math.max(max, value), 0)).toBe(255);
  });

  it('inverts MONOCHROME1', async () => {
    const { pixel, native } = await decoded('rle.dcm');
    const window = { center: 40, width: 400 };
    const two = displayPixels(native, pixel, window).pixels;
    const one = displayPixels({ ...native, photometricInterpretation: 'MONOCHROME1' }, pixel, window).pixels;
    expect(one.every((value, i) => value === 255 - two[i]!)).toBe(true);
  });

  it('renders PNG and JPEG, fitting the viewport with the aspect ratio kept', async () => {
    const { pixel, native } = await decoded('jpeg_lossless_sel1.dcm'); // 512 wide, 400 high
    const png = readPng(
      await renderFrame(native, pixel, { format: 'image/png', viewport: { width: 256, height: 256 } }),
    );
    expect(png).toMatchObject({ width: 256, height: 200, channels: 1 });
    const jpeg = await renderFrame(native, pixel, {
      format: 'image/jpeg',
      viewport: { width: 256, height: 256 },
    });
    const back = await decodeFrame(jpeg, {
      ...pixel,
      ...grey8(200, 256),
      transferSyntaxUid: TransferSyntax.JpegBaseline,
    });
    expect(mean(back.pixelData)).toBeCloseTo(mean(png.pixels), 0);
    const full = readPng(await renderFrame(native, pixel, { format: 'image/png' }));
    expect(full).toMatchObject({ width: 512, height: 400 });
    const bigger = readPng(
      await renderFrame(native, pixel, { format: 'image/png', viewport: { width: 1024, height: 2000 } }),
    );
    expect(bigger).toMatchObject({ width: 1024, height: 800 });
    const thumbnail = readPng(await renderThumbnail(native, pixel, 128, 'image/png'));
    expect(thumbnail).toMatchObject({ width: 128, height: 100 });
  });

  it('shrinks by area averaging and grows by interpolation', () => {
    const checker = Uint8Array.from({ length: 64 }, (_, i) => (((i % 8) + Math.floor(i / 8)) % 2 ? 255 : 0));
    const half = resample(checker, { width: 8, height: 8 }, { width: 4, height: 4 }, 1);
    expect([...half].every((value) => value === 128)).toBe(true);
    const thirds = resample(
      Uint8Array.from([0, 90, 180]),
      { width: 3, height: 1 },
      { width: 2, height: 1 },
      1,
    );
    expect([...thirds]).toEqual([30, 150]);
    const grown = resample(Uint8Array.from([0, 100]), { width: 2, height: 1 }, { width: 4, height: 1 }, 1);
    expect([...grown]).toEqual([0, 25, 75, 100]);
    expect(fitToViewport({ width: 512, height: 400 }, { width: 128, height: 128 })).toEqual({
      width: 128,
      height: 100,
    });
  });

  it('converts RGB (either planar configuration), YBR_FULL and PALETTE COLOR', async () => {
    const base = { ...grey8(1, 2), samplesPerPixel: 3, photometricInterpretation: 'RGB' };
    const rgb = frameOf(base, [255, 0, 0, 10, 20, 30]);
    expect([...displayPixels(rgb, pixelOf(base)).pixels]).toEqual([255, 0, 0, 10, 20, 30]);
    const planar = frameOf({ ...base, planarConfiguration: 1 }, [255, 10, 0, 20, 0, 30]);
    expect([...displayPixels(planar, pixelOf(base)).pixels]).toEqual([255, 0, 0, 10, 20, 30]);
    // Pure red and mid grey in YCbCr (full range, PS3.3 C.7.6.3.1.2).
    const ybr = frameOf({ ...base, photometricInterpretation: 'YBR_FULL' }, [76, 85, 255, 128, 128, 128]);
    const converted = displayPixels(ybr, pixelOf(base)).pixels;
    expect(maxDifference(converted, Uint8Array.from([255, 0, 0, 128, 128, 128]))).toBeLessThanOrEqual(1);

    const palette = { ...grey8(1, 3), photometricInterpretation: 'PALETTE COLOR' };
    const lut = (values: number[]) => Buffer.from(Uint16Array.from(values).buffer);
    const colours: Partial<PixelDescription> = {
      redPaletteDescriptor: [3, 10, 16],
      greenPaletteDescriptor: [3, 10, 16],
      bluePaletteDescriptor: [3, 10, 16],
      redPaletteData: lut([0xffff, 0, 0]),
      greenPaletteData: lut([0, 0xffff, 0]),
      bluePaletteData: lut([0, 0, 0x8000]),
    };
    const indexed = frameOf(palette, [10, 12, 200]);
    const out = displayPixels(indexed, { ...pixelOf(palette), ...colours }).pixels;
    expect([...out]).toEqual([255, 0, 0, 0, 0, 128, 0, 0, 128]);
  });

  it('renders a 512×512 16-bit frame in a few milliseconds', async () => {
    const { pixel, native } = await decoded('rle.dcm');
    const time = async (format: 'image/png' | 'image/jpeg', viewport?: { width: number; height: number }) => {
      await renderFrame(native, pixel, { format, viewport });
      const runs = 10;
      const started = performance.now();
      for (let i = 0; i < runs; i++) await renderFrame(native, pixel, { format, viewport });
      return (performance.now() - started) / runs;
    };
    const windowing = (() => {
      displayPixels(native, pixel);
      const started = performance.now();
      for (let i = 0; i < 10; i++) displayPixels(native, pixel);
      return (performance.now() - started) / 10;
    })();
    const jpeg = await time('image/jpeg');
    const png = await time('image/png');
    const thumbnail = await time('image/jpeg', { width: 128, height: 128 });
    console.info(
      `512×512 16-bit: window ${windowing.toFixed(2)} ms, JPEG ${jpeg.toFixed(1)} ms, PNG ${png.toFixed(1)} ms, ` +
        `128 px JPEG thumbnail ${thumbnail.toFixed(1)} ms`,
    );
    expect(thumbnail).toBeLessThan(50);
  });
});

/** 8-bit single-sample attributes for a frame of the given size. */
function grey8(rows: number, columns: number) {
  return {
    rows,
    columns,
    samplesPerPixel: 1,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    pixelRepresentation: 0,
    photometricInterpretation: 'MONOCHROME2',
    planarConfiguration: 0,
  };
}

type Attributes = ReturnType<typeof grey8>;
const pixelOf = (attributes: Attributes): PixelDescription => ({
  ...attributes,
  transferSyntaxUid: TransferSyntax.ExplicitVRLittleEndian,
});
const frameOf = (attributes: Attributes, values: number[]): NativeFrame => ({
  ...attributes,
  pixelData: Buffer.from(values),
});
