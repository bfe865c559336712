import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../../../test/test-database.ts';
import { encodePng } from './png-encoder.ts';
import { readPng, tempFolder } from './sample-frames.test-helper.ts';

describe.skipIf(onPostgres)('encodePng', () => {
  // Smooth areas, edges and noise, so that every filter type wins somewhere.
  const image = (width: number, height: number, channels: number) =>
    Uint8Array.from({ length: width * height * channels }, (_, i) => {
      const x = Math.floor(i / channels) % width;
      const y = Math.floor(i / channels / width);
      if (y < height / 3) return x * 3 + (i % channels) * 40;
      if (y < (2 * height) / 3) return (x ^ y) & 0x10 ? 200 : 30;
      return (Math.imul(i, 2654435761) >>> 24) & 0xff;
    });

  it.each([
    [1, 37, 23],
    [3, 64, 48],
    [1, 1, 1],
  ] as const)('round-trips %i-channel %i×%i pixels through a PNG reader', (channels, width, height) => {
    const pixels = image(width, height, channels);
    const decoded = readPng(encodePng(pixels, width, height, channels));
    expect(decoded).toMatchObject({ width, height, channels });
    expect(decoded.pixels.equals(Buffer.from(pixels))).toBe(true);
  });

  it('is recognised by file(1)', () => {
    const { dir, remove } = tempFolder();
    try {
      const file = path.join(dir, 'out.png');
      fs.writeFileSync(file, encodePng(image(64, 48, 3), 64, 48, 3));
      let described: string;
      try {
        described = execFileSync('file', ['-b', file]).toString();
      } catch {
        return; // no file(1) here
      }
      expect(described).toMatch(/PNG image data, 64 x 48, 8-bit\/color RGB, non-interlaced/);
    } finally {
      remove();
    }
  });
});
