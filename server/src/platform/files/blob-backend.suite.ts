import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobBackend, BlobMissingError } from './blob-backend.ts';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A source that gives `bytes` and then fails, as an upload cut off half way does. */
export function failingSource(bytes: Buffer): Readable {
  async function* chunks() {
    yield bytes;
    throw new Error('the client went away');
  }
  return Readable.from(chunks(), { objectMode: false });
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function keys(backend: BlobBackend, prefix?: string): Promise<string[]> {
  const found: string[] = [];
  for await (const o of backend.list(prefix)) found.push(o.key);
  return found.sort();
}

async function stagingFiles(backend: BlobBackend): Promise<string[]> {
  return fs.readdir(backend.stagingDir).catch(() => []);
}

/** What every backend must do, run against each (the local folder, an S3-compatible server). */
export function describeBlobBackend(name: string, open: () => Promise<BlobBackend>): void {
  describe(`blob backend: ${name}`, () => {
    let backend: BlobBackend;
    beforeAll(async () => {
      backend = await open();
    });
    afterAll(async () => backend?.close());

    it('writes, reads back, reads ranges, replaces and removes an object', async () => {
      const bytes = randomBytes(300_000);
      expect(await backend.write('a/one.bin', Readable.from([bytes]))).toBe(bytes.length);
      expect(await backend.stat('a/one.bin')).toBe(bytes.length);
      expect((await readAll(await backend.read('a/one.bin'))).equals(bytes)).toBe(true);
      const part = await readAll(await backend.read('a/one.bin', { start: 1000, end: 1999 }));
      expect(part.equals(bytes.subarray(1000, 2000))).toBe(true);
      const tail = await readAll(
        await backend.read('a/one.bin', { start: bytes.length - 1, end: bytes.length - 1 }),
      );
      expect(tail.equals(bytes.subarray(-1))).toBe(true);
      await backend.write('a/one.bin', Readable.from([Buffer.from('shorter')]));
      expect((await readAll(await backend.read('a/one.bin'))).toString()).toBe('shorter');
      await backend.remove('a/one.bin');
      expect(await backend.stat('a/one.bin')).toBeNull();
      await backend.remove('a/one.bin');
    });

    it('says an object is missing rather than serving nothing', async () => {
      expect(await backend.stat('nothing/here')).toBeNull();
      await expect(backend.read('nothing/here')).rejects.toBeInstanceOf(BlobMissingError);
    });

    it('lists objects under a folder with their sizes and times', async () => {
      const before = Date.now() - 5000;
      await backend.write('list/x/1', Readable.from([Buffer.from('1')]));
      await backend.write('list/x/2', Readable.from([Buffer.from('22')]));
      await backend.write('list/y/3', Readable.from([Buffer.from('333')]));
      await backend.write('listing/4', Readable.from([Buffer.from('4444')]));
      expect(await keys(backend, 'list/x')).toEqual(['list/x/1', 'list/x/2']);
      expect(await keys(backend, 'list')).toEqual(['list/x/1', 'list/x/2', 'list/y/3']);
      const all: { key: string; size: number; modifiedAt: Date }[] = [];
      for await (const o of backend.list()) all.push(o);
      const listed = all.find((o) => o.key === 'list/y/3');
      expect(listed?.size).toBe(3);
      expect(listed?.modifiedAt.getTime()).toBeGreaterThan(before);
      expect(all.map((o) => o.key)).toContain('listing/4');
    });

    it('moves a local file in, and the file is gone afterwards', async () => {
      await fs.mkdir(backend.stagingDir, { recursive: true });
      const file = `${backend.stagingDir}/moved.part`;
      await fs.writeFile(file, 'moved in');
      await backend.moveIn('m/moved', file);
      expect((await readAll(await backend.read('m/moved'))).toString()).toBe('moved in');
      await expect(fs.access(file)).rejects.toThrow();
    });

    it('leaves nothing under the key when the source fails half way', async () => {
      await expect(backend.write('cut/off', failingSource(randomBytes(64_000)))).rejects.toThrow(
        'the client went away',
      );
      expect(await backend.stat('cut/off')).toBeNull();
      expect(await keys(backend, 'cut')).toEqual([]);
      expect((await stagingFiles(backend)).filter((f) => f.endsWith('.part'))).toEqual([]);
    });

    it('refuses keys that could step out of the store', async () => {
      for (const key of ['../x', 'a/../../x', '/etc/passwd', '', 'a//b', '.hidden', 'a/./b']) {
        await expect(backend.write(key, Readable.from([Buffer.from('x')])), key).rejects.toThrow(
          /not a valid object key/,
        );
        await expect(backend.read(key), key).rejects.toThrow(/not a valid object key/);
      }
    });
  });
}
