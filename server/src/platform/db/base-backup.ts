import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { checkToolVersion, DumpToolError, finished, serverMajorOf, toolConnection } from './database-dump.ts';

/** What a replay needs to know about a base backup besides its bytes. */
export type BaseBackupInfo = {
  /** Before pg_basebackup started and after it finished: a moment between them cannot be replayed to. */
  startedAt: string;
  finishedAt: string;
  /** The first WAL segment the backup needs; older segments serve no replay from it. */
  firstWal: string;
  serverMajor: number;
  /** The Carebase database inside the cluster the backup copies whole, and a role that exists in it. */
  database: string;
  role: string;
};

export type BaseBackup = {
  stream: Readable;
  /** Settles with the full description when pg_basebackup has finished (rejects when it failed). */
  done: Promise<BaseBackupInfo>;
  cancel: () => void;
};

/** pg_basebackup's refusal without a replication line in pg_hba.conf, said as what to do. */
function explained(err: unknown): unknown {
  const message = (err as Error).message ?? '';
  if (err instanceof DumpToolError && /replication connection|pg_hba\.conf/.test(message))
    return new DumpToolError(
      `${message}\nPostgreSQL refuses replication connections from this host: add a line such as ` +
        '"host replication all 127.0.0.1/32 scram-sha-256" to pg_hba.conf and reload it',
    );
  if (/must be superuser or replication role|permission denied to use replication slots/.test(message))
    return new DumpToolError(
      `${message}\nBACKUP_WAL needs the role in DATABASE_URL to have REPLICATION (ALTER ROLE … REPLICATION)`,
    );
  if (/all replication slots are in use/.test(message))
    return new DumpToolError(`${message}\nraise max_replication_slots in postgresql.conf (then restart)`);
  return err;
}

/**
 * A physical copy of the whole PostgreSQL cluster as one gzipped tar on stdout, with the WAL it needs to be
 * consistent inside it (`-X fetch`), so it replays even when the WAL archive lacks its first minutes. A
 * temporary replication slot, held by a session open for as long as the copy runs, keeps that WAL on the
 * server until pg_basebackup fetches it at the end (a busy server would otherwise have recycled it).
 */
export async function takeBaseBackup(url: string): Promise<BaseBackup> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  let described: Omit<BaseBackupInfo, 'finishedAt'>;
  try {
    await checkToolVersion(client, 'pg_basebackup');
    const slot = `carebase_base_${randomBytes(6).toString('hex')}`;
    const { rows } = await client.query<{ wal: string; db: string; role: string }>(
      `SELECT pg_walfile_name(s.lsn) AS wal, current_database() AS db, current_user AS role
         FROM pg_create_physical_replication_slot($1, true, true) AS s`,
      [slot],
    );
    described = {
      startedAt: new Date().toISOString(),
      firstWal: rows[0]?.wal ?? '',
      serverMajor: await serverMajorOf(client),
      database: rows[0]?.db ?? '',
      role: rows[0]?.role ?? '',
    };
  } catch (err) {
    await client.end();
    throw explained(err);
  }
  const release = () => client.end().catch(() => {});
  const { address, env } = toolConnection(url);
  // gzip level 1: two and a half times faster than the default level for a tenth more bytes (measured).
  const args = ['-d', address, '-D', '-', '-Ft', '-Z', '1', '-X', 'fetch', '-c', 'fast'];
  const child = spawn('pg_basebackup', args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const done = finished(child, 'pg_basebackup')
    .then(
      () => ({ ...described, finishedAt: new Date().toISOString() }),
      (err: unknown) => {
        throw explained(err);
      },
    )
    .finally(release);
  done.catch(() => {});
  return { stream: child.stdout, done, cancel: () => child.kill() };
}
