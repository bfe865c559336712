import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BlobBackend, BlobMissingError, checkKey, type StoredObject } from './blob-backend.ts';

const STAGING = '.staging';

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    await fsyncFile(dir);
  } catch {
    // Some filesystems refuse to sync a directory; the rename is still atomic.
  }
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** Objects as files under a folder; a write lands in `.staging` first and is renamed in when fsynced. */
export function createLocalBlobBackend(root: string): BlobBackend {
  const stagingDir = path.join(root, STAGING);
  const fileOf = (key: string) => path.join(root, checkKey(key));

  async function place(key: string, staged: string): Promise<void> {
    const target = fileOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(staged, target);
    await fsyncDir(path.dirname(target));
  }

  async function* walk(dir: string, rel: string): AsyncGenerator<StoredObject> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    for (const entry of entries) {
      if (rel === '' && entry.name === STAGING) continue;
      const key = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full, key);
      else if (entry.isFile()) {
        const stat = await fs.stat(full);
        yield { key, size: stat.size, modifiedAt: stat.mtime };
      }
    }
  }

  return {
    location: root,
    stagingDir,
    async stat(key) {
      try {
        const s = await fs.stat(fileOf(key));
        return s.isFile() ? s.size : null;
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async write(key, source: Readable) {
      checkKey(key);
      await fs.mkdir(stagingDir, { recursive: true });
      const staged = path.join(stagingDir, `${randomUUID()}.part`);
      let size = 0;
      source.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      try {
        await pipeline(source, createWriteStream(staged, { flags: 'wx' }));
        await fsyncFile(staged);
        await place(key, staged);
      } catch (err) {
        await fs.rm(staged, { force: true });
        throw err;
      }
      return size;
    },
    async moveIn(key, file) {
      checkKey(key);
      try {
        await place(key, file);
      } catch (err) {
        // Another disk than the store's: copy through a staged file instead of renaming.
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        await this.write(key, createReadStream(file));
        await fs.rm(file, { force: true });
      }
    },
    async read(key, range) {
      const file = fileOf(key);
      const handle = await fs.open(file, 'r').catch((err: unknown) => {
        throw isMissing(err) ? new BlobMissingError(key) : err;
      });
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },
    async remove(key) {
      await fs.rm(fileOf(key), { force: true });
    },
    list(prefix) {
      if (!prefix) return walk(root, '');
      const trimmed = prefix.replace(/\/+$/, '');
      return walk(path.join(root, checkKey(trimmed)), trimmed);
    },
    async close() {},
  };
}
