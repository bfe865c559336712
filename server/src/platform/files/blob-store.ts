import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '../db/database.ts';
import { blobs } from './files.schema.ts';

export class BlobCorruptError extends Error {}

export type BlobStore = {
  /** Stores bytes under their sha256 (storing the same bytes twice keeps one copy) and returns the key. */
  put(executor: Executor, bytes: Buffer, contentType: string): Promise<string>;
  /** Reads the bytes back, refusing them if they no longer match their key. */
  get(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
};

const SHA256 = /^[0-9a-f]{64}$/;

export function createLocalBlobStore(root: string): BlobStore {
  const fileOf = (sha: string) => {
    if (!SHA256.test(sha)) throw new BlobCorruptError(`not a sha256 key: ${sha}`);
    return path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  return {
    async put(executor, bytes, contentType) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const file = fileOf(sha);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write to a temporary name, then rename: a crash never leaves a partial blob under its key.
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
      await executor
        .insert(blobs)
        .values({ sha256: sha, size: bytes.length, contentType })
        .onConflictDoNothing();
      return sha;
    },
    async get(sha) {
      const bytes = await fs.readFile(fileOf(sha));
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha)
        throw new BlobCorruptError(`blob ${sha} is corrupt (its content hashes to ${actual})`);
      return bytes;
    },
    async exists(sha) {
      try {
        await fs.access(fileOf(sha));
        return true;
      } catch {
        return false;
      }
    },
  };
}
