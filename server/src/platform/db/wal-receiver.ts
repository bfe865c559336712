import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { finished, toolConnection } from './database-dump.ts';

/** Instances without the lock try again this often: the one holding it may have stopped. */
const ELECTION_RETRY_MS = 30_000;
const MAX_BACKOFF_MS = 60_000;
/** A receiver that ran this long before it died starts again at once, not after the longest wait. */
const HEALTHY_RUN_MS = 60_000;

/** The archive's folder inside a local backup destination. */
export const walFolder = (backupFolder: string) => path.join(backupFolder, 'wal');

export type WalReceiver = {
  /** True while this instance holds the lock and pg_receivewal runs. */
  receiving(): boolean;
  stop(): Promise<void>;
};

export type WalReceiverOptions = {
  url: string;
  /** The folder the WAL segments are written to (created when missing). */
  dir: string;
  slot: string;
  log: FastifyBaseLogger;
  /** How often an instance without the lock tries again (tests shorten it). */
  electionRetryMs?: number;
};

/**
 * Archives the cluster's WAL with pg_receivewal into a folder, from one instance only: the one holding a
 * session advisory lock on a connection of its own (the lock goes with the connection, so a dead instance
 * hands over). A replication slot keeps on the server the WAL not yet received, so a restart loses nothing.
 */
export function startWalReceiver(options: WalReceiverOptions): WalReceiver {
  const { url, dir, slot, log, electionRetryMs = ELECTION_RETRY_MS } = options;
  let stopped = false;
  let lockClient: pg.Client | undefined;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let backoffMs = 1000;
  let timer: NodeJS.Timeout | undefined;

  const later = (fn: () => Promise<void>, ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void fn().catch((err: unknown) => log.error({ err }, 'WAL receiver')), ms);
    timer.unref();
  };

  async function elect(): Promise<void> {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query<{ got: boolean }>(
        `SELECT pg_try_advisory_lock(hashtextextended('carebase.wal-receiver', 0)) AS got`,
      );
      if (!rows[0]?.got || stopped) {
        await client.end();
        later(elect, electionRetryMs);
        return;
      }
    } catch (err) {
      await client.end().catch(() => {});
      log.warn({ err }, 'WAL receiver: the database cannot be reached to elect the receiver; trying again');
      later(elect, electionRetryMs);
      return;
    }
    lockClient = client;
    client.on('end', () => {
      if (stopped || lockClient !== client) return;
      // The lock went with the connection: another instance may take over, so this one stops receiving.
      lockClient = undefined;
      log.warn('WAL receiver: the lock connection was lost; stopping pg_receivewal and electing again');
      child?.kill('SIGTERM');
      later(elect, 1000);
    });
    await fs.mkdir(dir, { recursive: true });
    await receive();
  }

  async function receive(): Promise<void> {
    if (stopped || !lockClient) return;
    const { address, env } = toolConnection(url);
    const common = ['-d', address, '-S', slot];
    try {
      const creating = spawn('pg_receivewal', [...common, '--create-slot', '--if-not-exists'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env,
      });
      await finished(creating, 'pg_receivewal');
    } catch (err) {
      log.error({ err }, `WAL receiver: the replication slot ${slot} cannot be created`);
      retry(0);
      return;
    }
    if (stopped || !lockClient) return;
    const startedAt = Date.now();
    // --no-loop: a lost connection ends the process, so the restart (and its backoff) is ours and logged.
    const running = spawn('pg_receivewal', [...common, '-D', dir, '--synchronous', '--no-loop'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    child = running;
    log.info({ dir, slot }, 'WAL receiver: pg_receivewal started');
    exited = finished(running, 'pg_receivewal').then(
      () => {
        if (!stopped) log.warn('WAL receiver: pg_receivewal stopped; starting it again');
      },
      (err: unknown) => {
        if (!stopped) log.error({ err }, 'WAL receiver: pg_receivewal failed; starting it again');
      },
    );
    await exited;
    child = undefined;
    retry(Date.now() - startedAt);
  }

  function retry(ranMs: number): void {
    if (stopped || !lockClient) return;
    backoffMs = ranMs >= HEALTHY_RUN_MS ? 1000 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    later(receive, backoffMs);
  }

  void elect().catch((err: unknown) => log.error({ err }, 'WAL receiver'));

  return {
    receiving: () => child !== undefined && child.exitCode === null,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (child && child.exitCode === null) {
        // SIGTERM: pg_receivewal flushes what it has received and exits.
        child.kill('SIGTERM');
        const kill = setTimeout(() => child?.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(kill);
      }
      await lockClient?.end().catch(() => {});
      lockClient = undefined;
    },
  };
}
