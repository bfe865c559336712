import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import type { BlobBackend, ByteRange } from './blob-backend.ts';
import { blobs } from './files.schema.ts';

export class BlobCorruptError extends Error {}
export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the content is larger than ${maxBytes} bytes`);
  }
}

export class BlobUploadCutError extends Error {
  constructor() {
    super('the upload ended before all of it arrived');
  }
}

export type StoredBlob = { sha256: string; size: number };
/** Content written to a local staging file, hashed and synced, waiting to be put (or discarded). */
export type StagedBlob = StoredBlob & { file: string };
export type PutOptions = { contentType: string; maxBytes?: number };

/**
 * Content-addressed files: the key is the sha256 of the bytes. Content streams in and out, so a file of
 * gigabytes takes no more memory than a small one. Nothing is deleted here: only the garbage collector
 * (blob-gc.ts) removes blobs, and only those no row refers to.
 */
export type BlobStore = {
  readonly backend: BlobBackend;
  /**
   * Stores the content (hashing and counting it as it arrives, refusing it past `maxBytes`) and records it
   * in `blobs` through the executor. The same bytes twice keep one copy. A failed or aborted upload leaves nothing.
   */
  put(executor: Executor, source: Readable | Buffer, options: PutOptions): Promise<StoredBlob>;
  /**
   * The first half of put: the content in a local file, for a caller that reads it (e.g. to parse it) before
   * deciding to keep it. Follow with putStaged or discard.
   */
  stage(source: Readable, options: { maxBytes?: number; sync?: boolean }): Promise<StagedBlob>;
  /** Flushes a file staged with `sync: false` to the disk (before putStaged), e.g. many at once. */
  sync(staged: StagedBlob): Promise<void>;
  /** The second half of put: records the staged content and moves it into the store. */
  putStaged(executor: Executor, staged: StagedBlob, options: { contentType: string }): Promise<StoredBlob>;
  discard(staged: StagedBlob): Promise<void>;
  /** The whole content as a stream that errors with BlobCorruptError, at its end, if the bytes no longer match. */
  open(sha256: string): Promise<{ stream: Readable; size: number }>;
  /** A range of the content, unchecked (a range cannot be hashed against the whole). */
  openRange(sha256: string, range: ByteRange): Promise<Readable>;
  /** The whole content in memory, checked: for small files only (logos, photos, email attachments). */
  read(sha256: string): Promise<Buffer>;
  /** What was recorded when the blob was put, or null when it never was. */
  describe(executor: Executor, sha256: string): Promise<{ size: number; contentType: string } | null>;
  /** The stored size, or null when the store does not have it. */
  stat(sha256: string): Promise<number | null>;
};

const SHA256 = /^[0-9a-f]{64}$/;

/** Where a blob lives in its backend: fanned out by its first bytes so no folder grows too large. */
export function blobKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new BlobCorruptError(`not a sha256 key: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Passes bytes through, hashing them; at the end, errors unless they hash to `expected`. */
function verifying(expected: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      done(
        actual === expected
          ? null
          : new BlobCorruptError(`blob ${expected} is corrupt (its content hashes to ${actual})`),
      );
    },
  });
}

/**
 * Writes the source to a staging file, hashing and counting it, and fsyncs it; removes it on any failure. A
 * refused source is left readable (drained, not destroyed) so that a client still gets the refusal.
 */
async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function stage(
  source: Readable,
  dir: string,
  maxBytes: number | undefined,
  sync = true,
): Promise<{ file: string; sha256: string; size: number }> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (maxBytes !== undefined && size > maxBytes) {
        done(new BlobTooLargeError(maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const cutOff = () => {
    if (!source.readableEnded) meter.destroy(new BlobUploadCutError());
  };
  const failed = (err: Error) => meter.destroy(err);
  source.on('error', failed);
  source.on('close', cutOff);
  try {
    const written = pipeline(meter, createWriteStream(file, { flags: 'wx' }));
    source.pipe(meter);
    await written;
    if (sync) await syncFile(file);
  } catch (err) {
    source.unpipe(meter);
    if (!source.destroyed) source.resume();
    await fs.rm(file, { force: true });
    throw err;
  } finally {
    source.off('error', failed);
    source.off('close', cutOff);
  }
  return { file, sha256: hash.digest('hex'), size };
}

export function createBlobStore(backend: BlobBackend): BlobStore {
  async function open(sha256: string) {
    const key = blobKey(sha256);
    const size = await backend.stat(key);
    if (size === null) throw new BlobCorruptError(`blob ${sha256} is missing from ${backend.location}`);
    const raw = await backend.read(key);
    const check = verifying(sha256);
    raw.on('error', (err) => check.destroy(err));
    return { stream: raw.pipe(check), size };
  }

  async function putStaged(executor: Executor, staged: StagedBlob, contentType: string) {
    try {
      // The row first: it takes the row lock the garbage collector skips, and marks the blob as wanted
      // now, so a collection that already chose it waits, and one that has not yet does not choose it.
      const [row] = await executor
        .insert(blobs)
        .values({ sha256: staged.sha256, size: staged.size, contentType })
        .onConflictDoUpdate({ target: blobs.sha256, set: { touchedAt: sql`now()` } })
        .returning({ isNew: sql<boolean>`xmax = 0` });
      // A new row always brings its object in afresh: an object already there with no row is a stray the
      // collector may be about to remove, and only a new modification time tells it to wait.
      const key = blobKey(staged.sha256);
      if (row?.isNew || (await backend.stat(key)) !== staged.size) await backend.moveIn(key, staged.file);
      return { sha256: staged.sha256, size: staged.size };
    } finally {
      await fs.rm(staged.file, { force: true });
    }
  }

  return {
    backend,
    async put(executor, source, { contentType, maxBytes }) {
      const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
      return putStaged(executor, await stage(input, backend.stagingDir, maxBytes), contentType);
    },
    stage: (source, { maxBytes, sync }) => stage(source, backend.stagingDir, maxBytes, sync),
    sync: (staged) => syncFile(staged.file),
    putStaged: (executor, staged, { contentType }) => putStaged(executor, staged, contentType),
    discard: (staged) => fs.rm(staged.file, { force: true }),
    open,
    async openRange(sha256, range) {
      return backend.read(blobKey(sha256), range);
    },
    async read(sha256) {
      const { stream } = await open(sha256);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async describe(executor, sha256) {
      const [row] = await executor
        .select({ size: blobs.size, contentType: blobs.contentType })
        .from(blobs)
        .where(eq(blobs.sha256, sha256));
      return row ?? null;
    },
    stat: (sha256) => backend.stat(blobKey(sha256)),
  };
}
