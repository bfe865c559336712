import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.ts';
import type { Database } from '../db/database.ts';
import { failingSource, readAll, sha256Of } from './blob-backend.suite.ts';
import type { BlobBackend } from './blob-backend.ts';
import {
  BlobCorruptError,
  type BlobStore,
  BlobTooLargeError,
  blobKey,
  createBlobStore,
} from './blob-store.ts';
import { blobs } from './files.schema.ts';

/** A stream of `total` random bytes in chunks of 64 KB, and their hash. */
function randomStream(total: number): { stream: Readable; whole: Buffer } {
  const whole = randomBytes(total);
  const chunks: Buffer[] = [];
  for (let at = 0; at < total; at += 65_536) chunks.push(whole.subarray(at, at + 65_536));
  return { stream: Readable.from(chunks, { objectMode: false }), whole };
}

/** The blob store over each backend: streaming in and out, limits, aborted uploads, and damage found. */
export function describeBlobStore(name: string, open: () => Promise<BlobBackend>): void {
  describe(`blob store: ${name}`, () => {
    let database: Database;
    let store: BlobStore;
    beforeAll(async () => {
      database = await createTestDatabase();
      store = createBlobStore(await open());
    });
    afterAll(async () => {
      await store?.backend.close();
      await database?.close();
    });
    const rowOf = async (sha: string) =>
      (await database.db.select().from(blobs).where(eq(blobs.sha256, sha)))[0];
    const staged = async () => (await fs.readdir(store.backend.stagingDir).catch(() => [])).length;

    it('stores a stream under its sha256 once, and streams it back checked', async () => {
      const { stream, whole } = randomStream(3 * 1024 * 1024 + 17);
      const put = await store.put(database.db, stream, { contentType: 'application/pdf' });
      expect(put).toEqual({ sha256: sha256Of(whole), size: whole.length });
      const row = await rowOf(put.sha256);
      expect(row).toMatchObject({ size: whole.length, contentType: 'application/pdf' });
      const again = await store.put(database.db, whole, { contentType: 'application/pdf' });
      expect(again).toEqual(put);
      expect((await rowOf(put.sha256))?.touchedAt.getTime()).toBeGreaterThanOrEqual(
        row?.touchedAt.getTime() ?? 0,
      );
      const opened = await store.open(put.sha256);
      expect(opened.size).toBe(whole.length);
      expect((await readAll(opened.stream)).equals(whole)).toBe(true);
      expect((await store.read(put.sha256)).equals(whole)).toBe(true);
      const range = await readAll(await store.openRange(put.sha256, { start: 5, end: 70_004 }));
      expect(range.equals(whole.subarray(5, 70_005))).toBe(true);
      expect(await store.describe(database.db, put.sha256)).toEqual({
        size: whole.length,
        contentType: 'application/pdf',
      });
      expect(await staged()).toBe(0);
    });

    it('refuses content past the limit while it streams, keeping nothing', async () => {
      const { stream, whole } = randomStream(2 * 1024 * 1024);
      await expect(
        store.put(database.db, stream, { contentType: 'image/png', maxBytes: 1024 * 1024 }),
      ).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(await rowOf(sha256Of(whole))).toBeUndefined();
      expect(await store.stat(sha256Of(whole))).toBeNull();
      expect(await staged()).toBe(0);
    });

    it('keeps nothing of an upload cut off half way', async () => {
      const part = randomBytes(200_000);
      await expect(store.put(database.db, failingSource(part), { contentType: 'image/png' })).rejects.toThrow(
        'the client went away',
      );
      expect(await rowOf(sha256Of(part))).toBeUndefined();
      expect(await store.stat(sha256Of(part))).toBeNull();
      expect(await staged()).toBe(0);
    });

    it('reports damaged content instead of serving it, whole or streamed', async () => {
      const whole = randomBytes(100_000);
      const { sha256 } = await store.put(database.db, whole, { contentType: 'application/pdf' });
      const damaged = Buffer.from(whole);
      damaged[50_000] = (damaged[50_000] ?? 0) ^ 0xff;
      await store.backend.write(blobKey(sha256), Readable.from([damaged]));
      await expect(store.read(sha256)).rejects.toBeInstanceOf(BlobCorruptError);
      const { stream } = await store.open(sha256);
      await expect(readAll(stream)).rejects.toBeInstanceOf(BlobCorruptError);
    });

    it('says a missing blob is missing, and refuses keys that are not a sha256', async () => {
      const absent = sha256Of(Buffer.from('never stored'));
      expect(await store.stat(absent)).toBeNull();
      await expect(store.open(absent)).rejects.toBeInstanceOf(BlobCorruptError);
      await expect(store.read('../../etc/passwd')).rejects.toBeInstanceOf(BlobCorruptError);
    });
  });
}
