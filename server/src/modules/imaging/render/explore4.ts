import path from 'node:path';
import { decodeFrame } from './decode-frame.ts';
import { encodePng } from './png-encoder.ts';
import { displayPixels } from './render-frame.ts';
import { readSample, SAMPLES } from './sample-frames.test-helper.ts';

const { pixel, frames } = readSample(path.join(SAMPLES, 'rle.dcm'));
const native = await decodeFrame(frames[0]!, pixel);
const t = (label: string, f: () => unknown) => {
  f();
  f();
  const s = performance.now();
  for (let i = 0; i < 20; i++) f();
  console.log(label, ((performance.now() - s) / 20).toFixed(2));
};
const { pixels } = displayPixels(native, pixel);
t('png', () => encodePng(pixels, 512, 512, 1));
console.log(encodePng(pixels, 512, 512, 1).length);
