import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { insertPatient } from '../modules/encounters/chart-fixtures.ts';
import { manifestKey, parseManifest } from '../modules/operations/backup-manifest.ts';
import { verifyAuditChain } from '../platform/audit/audit.verify.ts';
import { type Database, queryRows } from '../platform/db/database.ts';
import { createScratchDatabase } from '../platform/db/database-dump.ts';
import { walFileOf } from '../platform/db/wal-segments.ts';
import { createTestDatabase, onPostgres } from '../test/test-database.ts';
import { auditOf } from '../test/test-queries.ts';
import { createAdmin } from './accounts.ts';
import { backupCommand } from './backups.ts';
import { restoreUntilCommand } from './point-in-time-restore.ts';

/** Segment 0 of timeline 1 is never written by a cluster: it stands for WAL from long ago, which retention removes. */
const ANCIENT_WAL = '000000010000000000000000';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a query on the cluster (any database will do for slots and WAL positions). */
async function onCluster<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until the receiver has written the WAL up to now (its slot moves on as pg_receivewal flushes). */
async function waitForArchive(slot: string): Promise<void> {
  const [{ lsn } = { lsn: '' }] = await onCluster<{ lsn: string }>(
    'SELECT pg_current_wal_lsn()::text AS lsn',
  );
  for (let i = 0; i < 200; i++) {
    const rows = await onCluster<{ done: boolean }>(
      'SELECT restart_lsn >= $2::pg_lsn AS done FROM pg_replication_slots WHERE slot_name = $1',
      [slot, lsn],
    );
    if (rows[0]?.done) return;
    await pause(100);
  }
  throw new Error(`the WAL receiver did not reach ${lsn}`);
}

describe.skipIf(!onPostgres)('point-in-time restore drill (PostgreSQL, pg_receivewal)', () => {
  const dirs: string[] = [];
  const slot = `carebase_wal_t${randomBytes(4).toString('hex')}`;
  let testDb: Database & { url?: string };
  let config: Config;
  let running: FastifyInstance;
  let backupWhere = '';
  const walDir = () => path.join(config.backupUrl, 'wal');

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-pitr-'));
    dirs.push(dataDir);
    config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      BACKUP_WAL: 'true',
      BACKUP_WAL_SLOT: slot,
      // Encrypted, so the base backup is decrypted on its way to the replay.
      BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    });
    running = await buildApp(config, { startJobs: false, heartbeat: false, walReceiver: true });
    await running.ready();
    for (let i = 0; i < 100; i++) {
      const rows = await onCluster('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [
        slot,
      ]);
      if (rows.length) break;
      await pause(100);
    }
    await createAdmin(running.ctx, 'pitr@example.org', 'copper lantern meadow 83');
    fs.mkdirSync(walDir(), { recursive: true });
    fs.writeFileSync(path.join(walDir(), ANCIENT_WAL), 'old');
    const taken = await backupCommand(config);
    expect(taken.code, taken.err.join('\n')).toBe(0);
    backupWhere = taken.out[0] ?? '';
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await onCluster(
      'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    ).catch(() => {});
    await testDb?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores exactly the rows written before the noted moment, with an audit trail that verifies', async () => {
    const manifest = parseManifest(
      fs.readFileSync(path.join(config.backupUrl, manifestKey(path.basename(backupWhere))), 'utf8'),
    );
    expect(manifest.baseBackup).toMatchObject({
      database: expect.any(String),
      piece: { size: expect.any(Number) },
    });

    const before = [await insertPatient(running.ctx.db), await insertPatient(running.ctx.db)];
    // Commit times are microseconds and Date milliseconds: a gap each side keeps the moment between them.
    await pause(300);
    const noted = new Date();
    await pause(300);
    const after = [await insertPatient(running.ctx.db), await insertPatient(running.ctx.db)];
    await waitForArchive(slot);

    const scratch = await createScratchDatabase(testDb.url ?? '');
    try {
      const restored = await restoreUntilCommand(config, backupWhere, {
        until: noted.toISOString(),
        toDatabase: scratch.url,
        force: false,
      });
      expect(restored.code, restored.err.join('\n')).toBe(0);
      expect(restored.out[0]).toContain(`as it was at ${noted.toISOString()}`);

      const { openPostgres } = await import('../platform/db/postgres.ts');
      const copy = await openPostgres(scratch.url, 2);
      try {
        const ids = (await queryRows<{ id: string }>(copy.db, sql`SELECT id FROM patients`)).map((r) => r.id);
        expect(ids.sort()).toEqual([...before].sort());
        expect(ids).not.toContain(after[0]);
        expect((await verifyAuditChain(copy.db)).ok).toBe(true);
        const [restoreEvent] = await auditOf(copy.db, 'backup.restore');
        expect(restoreEvent?.details).toMatchObject({ until: noted.toISOString() });
      } finally {
        await copy.close();
      }

      const again = await restoreUntilCommand(config, backupWhere, {
        until: noted.toISOString(),
        toDatabase: scratch.url,
        force: false,
      });
      expect(again).toMatchObject({ code: 1, err: [expect.stringContaining('not empty; add --force')] });
    } finally {
      await scratch.drop();
    }
  }, 60_000);

  it('refuses, with a sentence, moments the backup and the archive cannot reach', async () => {
    const manifest = parseManifest(
      fs.readFileSync(path.join(config.backupUrl, manifestKey(path.basename(backupWhere))), 'utf8'),
    );
    const startedAt = new Date(manifest.baseBackup?.startedAt ?? 0);
    const cases: [string | undefined, string, RegExp][] = [
      [
        backupWhere,
        new Date(startedAt.getTime() - 60_000).toISOString(),
        /before the base backup of .* was complete/,
      ],
      [backupWhere, new Date(Date.now() + 3_600_000).toISOString(), /has not happened yet/],
      [
        undefined,
        new Date(startedAt.getTime() - 60_000).toISOString(),
        /holds no backup with a base backup finished before/,
      ],
      [backupWhere, 'last tuesday', /is not a moment: write it as/],
    ];
    // A copy of the backup elsewhere: its wal/ is first missing, then holds only a segment written long ago.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-pitr-copy-'));
    dirs.push(elsewhere);
    const key = path.basename(backupWhere);
    const copied = path.join(elsewhere, 'backups', key);
    fs.cpSync(path.join(config.backupUrl, 'backups', key), copied, { recursive: true });
    cases.push([copied, new Date(Date.now() - 1000).toISOString(), /there is no archived WAL in/]);
    for (const [named, until, reason] of cases) {
      const refused = await restoreUntilCommand(config, named, {
        until,
        toDatabase: testDb.url,
        force: true,
      });
      expect(refused.code).toBe(1);
      expect(refused.err.join('\n')).toMatch(reason);
    }
    const stale = path.join(elsewhere, 'wal', manifest.baseBackup?.firstWal ?? '');
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    fs.mkdirSync(path.dirname(stale));
    fs.writeFileSync(stale, '');
    fs.utimesSync(stale, lastWeek, lastWeek);
    const beyond = await restoreUntilCommand(config, copied, {
      until: new Date(Date.now() - 1000).toISOString(),
      toDatabase: testDb.url,
      force: true,
    });
    expect(beyond.err.join('\n')).toMatch(
      /the archived WAL in .* ends at .*: nothing after it can be replayed/,
    );
  });

  it('removes, after a backup, the archived WAL older than the oldest base backup retention keeps', () => {
    const manifest = parseManifest(
      fs.readFileSync(path.join(config.backupUrl, manifestKey(path.basename(backupWhere))), 'utf8'),
    );
    expect(fs.existsSync(path.join(walDir(), ANCIENT_WAL))).toBe(false);
    const left = fs.readdirSync(walDir()).flatMap((f) => walFileOf(f) ?? []);
    expect(left.some((w) => w.segment.slice(8) >= (manifest.baseBackup?.firstWal ?? '').slice(8))).toBe(true);
  });
});
