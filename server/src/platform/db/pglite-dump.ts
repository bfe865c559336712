import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { extractTar } from '../tar/tar-reader.ts';
import { type TarEntry, tarStream } from '../tar/tar-writer.ts';
import type { Database } from './database.ts';
import { countRowsPerTable, type DatabaseDump } from './database-dump.ts';
import { dumpPglite, pgliteFolderOf } from './pglite.ts';

/** The folder's entries as PGlite's dumpDataDir names them (`/base/1/112`), each folder before what it holds. */
async function entriesOf(root: string, under = ''): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  for (const item of await fs.promises.readdir(path.join(root, under), { withFileTypes: true })) {
    const name = `${under}/${item.name}`;
    const full = path.join(root, name);
    if (item.isDirectory()) {
      entries.push({ name, directory: true }, ...(await entriesOf(root, name)));
    } else if (item.isFile()) {
      const { size } = await fs.promises.stat(full);
      entries.push({ name, size, open: async () => fs.createReadStream(full, { highWaterMark: 1 << 20 }) });
    } else {
      throw new Error(`${full} is neither a file nor a folder; the database folder holds only those`);
    }
  }
  return entries;
}

/**
 * The database folder as a gzipped tar, read from disk a piece at a time, with the row counts of the same
 * moment. A transaction holds PGlite's lock from the CHECKPOINT until the last file is read: no statement runs
 * in between, so the copy is consistent, and the app's queries wait for it (as they did for dumpDataDir, which
 * built the same archive in memory), including for the destination to take it. In memory (tests), dumpDataDir.
 */
export async function dumpPgliteDatabase(database: Database): Promise<DatabaseDump> {
  const folder = pgliteFolderOf(database);
  if (!folder) {
    // Queued together, so nothing runs between the counting and the dump.
    const [counts, blob] = await Promise.all([countRowsPerTable(database.db), dumpPglite(database, 'gzip')]);
    return {
      format: 'pglite-datadir',
      counts,
      stream: Readable.fromWeb(blob.stream() as import('node:stream/web').ReadableStream),
      done: Promise.resolve(),
      cancel: () => {},
    };
  }
  return new Promise<DatabaseDump>((resolve, reject) => {
    const done: Promise<void> = database.db.transaction(async (tx) => {
      // Writes every changed page to the folder, so a restored copy has little WAL to replay.
      await tx.execute(sql`CHECKPOINT`);
      const counts = await countRowsPerTable(tx);
      const tar = tarStream(await entriesOf(folder));
      // Level 1, as for base backups: the app waits while this runs; 10 % more bytes than the default (measured).
      const gzip = createGzip({ level: 1 });
      const copied = pipeline(tar, gzip);
      resolve({
        format: 'pglite-datadir',
        counts,
        stream: gzip,
        done,
        // Without an error: once copied, nobody listens for one any more. Cut short, the pipeline fails.
        cancel: () => {
          tar.destroy();
          gzip.destroy();
        },
      });
      await copied;
    });
    done.catch(reject);
  });
}

/** Writes a gzipped data-folder archive (ours, or dumpDataDir's) into `folder`, for PGlite to open there. */
export async function unpackPgliteDataDir(gzipped: NodeJS.ReadableStream, folder: string): Promise<void> {
  await pipeline(gzipped, createGunzip(), (source: AsyncIterable<Buffer>) => extractTar(source, folder));
}
