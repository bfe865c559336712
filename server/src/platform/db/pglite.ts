import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, Db } from './database.ts';
import { PgliteThread } from './pglite-thread.ts';
import { SESSION_SETUP_SQL } from './session-settings.ts';

export class DataDirInUseError extends Error {}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A lock file holding the owner's pid makes the second one stop with a sentence instead.
 */
function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'carebase.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && owner !== process.pid && pidAlive(owner)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is held by another Carebase process (pid ${owner}). ` +
            'Stop that server first, or run this command with DATABASE_URL pointing at a PostgreSQL server.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${lockPath}.`);
}

function wrap(client: PgliteThread, release: () => void): Database {
  return {
    kind: 'pglite',
    // Drizzle's PGlite driver uses only query() and transaction(), which the thread's client answers.
    db: drizzle({ client: client as unknown as PGlite }) as unknown as Db,
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    // In-process: notifications are never lost.
    listenerEpoch: () => 0,
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      if (!client.closed) await client.close();
      release();
    },
  };
}

/**
 * dataDir undefined: in memory. `from` loads a dumped data directory (tests start from a migrated template).
 * The database runs on a worker thread, so its work does not hold up the server's event loop.
 */
export async function openPglite(opts: { dataDir?: string; from?: Blob }): Promise<Database> {
  const release = opts.dataDir ? acquireLock(opts.dataDir) : () => {};
  try {
    const pgDir = opts.dataDir ? path.join(opts.dataDir, 'pg') : undefined;
    const client = await PgliteThread.open({ dataDir: pgDir, from: opts.from, setupSql: SESSION_SETUP_SQL });
    return wrap(client, release);
  } catch (err) {
    release();
    throw err;
  }
}

const threadOf = (database: Database) => (database.db as unknown as { $client: PgliteThread }).$client;

export async function dumpPglite(database: Database, compression: 'none' | 'gzip' = 'none'): Promise<Blob> {
  return threadOf(database).dumpDataDir(compression);
}

/** The host folder PGlite's data directory is (PGlite mounts it as its PGDATA); undefined in memory. */
export const pgliteFolderOf = (database: Database): string | undefined => threadOf(database).dataDir;
