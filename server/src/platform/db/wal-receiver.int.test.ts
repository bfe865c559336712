import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onPostgres } from '../../test/test-database.ts';
import type { Database } from './database.ts';
import { startWalReceiver, type WalReceiver } from './wal-receiver.ts';
import { walFileOf } from './wal-segments.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const found = await check();
    if (found !== undefined && found !== false) return found;
    await pause(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function slotPid(slot: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number | null }>(
      'SELECT active_pid AS pid FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    );
    return rows[0]?.pid ?? undefined;
  } finally {
    await client.end();
  }
}

async function onCluster(text: string, values: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe.skipIf(!onPostgres)('the WAL receiver (PostgreSQL)', () => {
  const slot = `carebase_wal_t${randomBytes(4).toString('hex')}`;
  let root = '';
  const receivers: WalReceiver[] = [];
  let db: Database & { url?: string };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-wal-'));
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const r of receivers) await r.stop();
    await onCluster(
      'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    ).catch(() => {});
    await db?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('runs in one instance only, restarts pg_receivewal when it dies, and hands over when that instance stops', async () => {
    const start = (name: string) => {
      const r = startWalReceiver({
        url: db.url ?? '',
        dir: path.join(root, name),
        slot,
        log: Fastify({ logger: false }).log,
        electionRetryMs: 300,
      });
      receivers.push(r);
      return r;
    };
    const [a, b] = [start('a'), start('b')];
    const firstPid = await until('a receiver on the slot', () => slotPid(slot));
    await pause(1000);
    expect([a.receiving(), b.receiving()].filter(Boolean)).toHaveLength(1);
    const [leader, other] = a.receiving() ? [a, b] : [b, a];
    const leaderDir = path.join(root, leader === a ? 'a' : 'b');
    expect(fs.readdirSync(leaderDir).some((f) => walFileOf(f))).toBe(true);

    // The connection cut under pg_receivewal: it exits, and is started again on the same slot.
    await onCluster('SELECT pg_terminate_backend($1)', [firstPid]);
    const secondPid = await until('pg_receivewal started again', async () => {
      const pid = await slotPid(slot);
      return pid && pid !== firstPid ? pid : undefined;
    });
    expect(leader.receiving()).toBe(true);
    expect(other.receiving()).toBe(false);

    await leader.stop();
    await until('the other instance to take over', () => other.receiving() || undefined);
    expect(await until('the slot in use again', () => slotPid(slot))).not.toBe(secondPid);
  }, 30_000);
});
