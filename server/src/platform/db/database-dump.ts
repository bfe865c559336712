import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, type Executor, queryRows } from './database.ts';

/** Rows per table (`schema.table`), the measure a restored copy is checked against. */
export type RowCounts = Record<string, number>;

export class DumpToolError extends Error {}

/** Rows of every table of Carebase (and its migration journal), counted in one statement. */
export async function countRowsPerTable(executor: Executor): Promise<RowCounts> {
  const tables = await queryRows<{ schema: string; name: string }>(
    executor,
    sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'drizzle') ORDER BY 1, 2`,
  );
  if (!tables.length) return {};
  const parts = tables.map(
    (t) =>
      sql`SELECT ${`${t.schema}.${t.name}`} AS t, count(*)::bigint AS n FROM ${sql.identifier(t.schema)}.${sql.identifier(t.name)}`,
  );
  const rows = await queryRows<{ t: string; n: string | number }>(
    executor,
    sql.join(parts, sql` UNION ALL `),
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/**
 * How a PostgreSQL tool is told where to connect: the address without its password, which goes in PGPASSWORD
 * (the command line of a running process is readable by every user of the machine).
 */
export function toolConnection(url: string): { address: string; env: NodeJS.ProcessEnv } {
  // A socket address (`postgresql://role@/db?host=/dir`) is no URL to Node, and carries no password.
  if (!URL.canParse(url)) return { address: url, env: process.env };
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    address: parsed.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
  };
}

/** Waits for a child process, failing with its last words on stderr. */
export function finished(child: ReturnType<typeof spawn>, tool: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new DumpToolError(
          err.code === 'ENOENT'
            ? `${tool} was not found: install Debian's postgresql-client matching the server's major version`
            : `${tool} could not start: ${err.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new DumpToolError(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

async function toolMajor(tool: string): Promise<number> {
  const child = spawn(tool, ['--version']);
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  await finished(child, tool);
  return Number(/(\d+)\.\d+/.exec(out)?.[1] ?? 0);
}

/** The server's major version (15 for 15.4). */
export async function serverMajorOf(client: pg.Client): Promise<number> {
  return Math.floor(
    Number((await client.query('SHOW server_version_num')).rows[0].server_version_num) / 10000,
  );
}

/** The PostgreSQL tools must be of the server's major version (an older one refuses a newer server). */
export async function checkToolVersion(client: pg.Client, tool: string): Promise<void> {
  const server = await serverMajorOf(client);
  const major = await toolMajor(tool);
  if (major !== server)
    throw new DumpToolError(
      `${tool} is version ${major} but the server is PostgreSQL ${server}: install postgresql-client-${server}`,
    );
}

export type DatabaseDump = {
  format: 'pglite-datadir' | 'pg_dump-custom';
  counts: RowCounts;
  /** The dump's bytes; `done` settles when the tool has finished (and rejects if it failed). */
  stream: Readable;
  done: Promise<void>;
  /** Stops the dump (when whoever reads it has failed); `done` then settles. */
  cancel: () => void;
};

/**
 * A consistent dump and the row counts of the same moment. PostgreSQL: the counts are taken in a snapshot that
 * pg_dump then uses (`--snapshot`). PGlite: its data folder as a gzipped tar (pglite-dump.ts).
 */
export async function dumpDatabase(database: Database, url: string | undefined): Promise<DatabaseDump> {
  if (database.kind === 'pglite') {
    const { dumpPgliteDatabase } = await import('./pglite-dump.ts');
    return dumpPgliteDatabase(database);
  }
  if (!url) throw new Error('the PostgreSQL address is needed to dump it');
  const client = new pg.Client({ connectionString: url });
  // Errors reach the queries that wait on them; a connection dropped between queries must not crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    await checkToolVersion(client, 'pg_dump');
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query('SELECT pg_export_snapshot() AS s')).rows[0].s as string;
    const counts = await countWith(client);
    const { address, env } = toolConnection(url);
    // Gzip level 1 rather than pg_dump's default 6: half the time on 1M patients (15.1 s -> 7.7 s) for a file
    // 14 % larger (106 -> 121 MB); every backup dumps the whole database, so its time is the floor of each one.
    const child = spawn(
      'pg_dump',
      ['-Fc', '-Z', '1', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, '-d', address],
      { stdio: ['ignore', 'pipe', 'pipe'], env },
    );
    const done = finished(child, 'pg_dump').finally(() => client.query('COMMIT').finally(() => client.end()));
    done.catch(() => {});
    return { format: 'pg_dump-custom', counts, stream: child.stdout, done, cancel: () => child.kill() };
  } catch (err) {
    await client.end();
    throw err;
  }
}

async function countWith(client: pg.Client): Promise<RowCounts> {
  const { drizzle } = await import('drizzle-orm/node-postgres');
  return countRowsPerTable(drizzle({ client }) as unknown as Executor);
}

/** Feeds a pg_dump archive to pg_restore into the database at `url`; `clean` drops what is there first. */
export async function pgRestore(url: string, source: Readable, clean = false): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await checkToolVersion(client, 'pg_restore');
  } finally {
    await client.end();
  }
  const { address, env } = toolConnection(url);
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '-d', address];
  if (clean) args.unshift('--clean', '--if-exists');
  const child = spawn('pg_restore', args, { stdio: ['pipe', 'ignore', 'pipe'], env });
  const done = finished(child, 'pg_restore');
  await Promise.all([pipeline(source, child.stdin as Writable), done]);
}

/** A scratch database on the same PostgreSQL server, dropped by `drop`. */
export async function createScratchDatabase(
  url: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `carebase_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
