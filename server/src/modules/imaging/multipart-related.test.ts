import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../../test/test-database.ts';
import { multipartParts } from './multipart-related.ts';

async function partsOf(chunks: Buffer[], boundary: string, slowReader: boolean) {
  const out: string[] = [];
  for await (const part of multipartParts(Readable.from(chunks), boundary)) {
    const pieces: Buffer[] = [];
    for await (const chunk of part.body) {
      pieces.push(chunk as Buffer);
      if (slowReader) await new Promise((r) => setTimeout(r, 1));
    }
    out.push(Buffer.concat(pieces).toString('latin1'));
  }
  return out;
}

describe.skipIf(onPostgres)('multipart/related parts', () => {
  it('splits parts of any size, in chunks cut anywhere, for fast and slow readers', async () => {
    const bodies = ['a', 'x'.repeat(700_000), '', `${'--not-the-boundary\r\n'.repeat(3)}tail`];
    const wire = Buffer.from(
      `preamble\r\n${bodies.map((b) => `--B42\r\nContent-Type: application/dicom\r\n\r\n${b}\r\n`).join('')}--B42--\r\n`,
      'latin1',
    );
    for (const size of [1, 7, 1000, 65_536, wire.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < wire.length; i += size) chunks.push(wire.subarray(i, i + size));
      for (const slow of [false, true]) {
        if (slow && size < 1000) continue;
        expect(await partsOf(chunks, 'B42', slow)).toEqual(bodies);
      }
    }
  });

  it('reports a part cut off by the end of the body', async () => {
    const wire = Buffer.from('--B\r\n\r\nhalf a part', 'latin1');
    await expect(partsOf([wire], 'B', false)).rejects.toThrow(/cut off|ended before/);
  });
});
