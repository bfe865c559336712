import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { insertPatient } from '../modules/encounters/chart-fixtures.ts';
import { manifestKey, parseManifest } from '../modules/operations/backup-manifest.ts';
import { verifyAuditChain } from '../platform/audit/audit.verify.ts';
import { type Database, queryRows } from '../platform/db/database.ts';
import { countRowsPerTable, createScratchDatabase } from '../platform/db/database-dump.ts';
import { createTestDatabase, onPostgres } from '../test/test-database.ts';
import { createAdmin } from './accounts.ts';
import { backupCommand, backupVerifyCommand, restoreCommand } from './backups.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-drill-'));
  dirs.push(dir);
  return dir;
};
let source: Config;
let testDb: (Database & { url?: string }) | undefined;
const stored: Buffer[] = [];

beforeAll(async () => {
  const dataDir = tempDir();
  if (onPostgres) testDb = await createTestDatabase();
  source = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(testDb?.url ? { DATABASE_URL: testDb.url } : {}),
  });
  const app = await buildApp(source, { startJobs: false });
  try {
    await createAdmin(app.ctx, 'drill@example.org', 'copper lantern meadow 83');
    const patientId = await insertPatient(app.ctx.db);
    for (let i = 0; i < 3; i++) {
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(30_000)]);
      stored.push(bytes);
      await app.ctx.blobs.put(app.ctx.db, bytes, { contentType: 'application/pdf' });
    }
    expect(patientId).toBeTruthy();
  } finally {
    await app.close();
  }
});
afterAll(async () => {
  await testDb?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the backup, verify and restore drill', () => {
  it('backs up, verifies, and restores into an empty target with the same rows, files and audit trail', async () => {
    const taken = await backupCommand(source);
    expect(taken.code, taken.err.join('\n')).toBe(0);
    const [where = ''] = taken.out;
    expect(where).toMatch(/\/backups\/\d{8}T\d{6}Z-[0-9a-f]{8}$/);
    const manifest = parseManifest(
      fs.readFileSync(path.join(source.backupUrl, manifestKey(path.basename(where))), 'utf8'),
    );

    const checked = await backupVerifyCommand(source, where);
    expect(checked.code, checked.err.join('\n')).toBe(0);
    expect(checked.out[0]).toContain('verified');

    let restoredDb: Database;
    let blobsDir: string;
    let dropScratch = async () => {};
    if (onPostgres && testDb?.url) {
      const scratch = await createScratchDatabase(testDb.url);
      dropScratch = scratch.drop;
      const target = tempDir();
      const restored = await restoreCommand({ ...source, dataDir: target }, where, {
        toDatabase: scratch.url,
        force: false,
      });
      expect(restored.code, restored.err.join('\n')).toBe(0);
      const again = await restoreCommand({ ...source, dataDir: target }, where, {
        toDatabase: scratch.url,
        force: false,
      });
      expect(again).toMatchObject({ code: 1, err: [expect.stringContaining('not empty; add --force')] });
      const { openPostgres } = await import('../platform/db/postgres.ts');
      restoredDb = await openPostgres(scratch.url, 2);
      blobsDir = path.join(target, 'blobs');
    } else {
      const target = tempDir();
      const restored = await restoreCommand(source, where, { toDataDir: target, force: false });
      expect(restored.code, restored.err.join('\n')).toBe(0);
      const again = await restoreCommand(source, where, { toDataDir: target, force: false });
      expect(again).toMatchObject({ code: 1, err: [expect.stringContaining('add --force')] });
      const { openPglite } = await import('../platform/db/pglite.ts');
      restoredDb = await openPglite({ dataDir: target });
      blobsDir = path.join(target, 'blobs');
    }
    try {
      const counts = await countRowsPerTable(restoredDb.db);
      // The restore itself adds one audit event, and nothing else.
      expect(counts).toEqual({
        ...manifest.rowCounts,
        'public.audit_events': (manifest.rowCounts['public.audit_events'] ?? 0) + 1,
      });
      expect((await verifyAuditChain(restoredDb.db)).ok).toBe(true);
      for (const bytes of stored) {
        const h = sha(bytes);
        const file = path.join(blobsDir, h.slice(0, 2), h.slice(2, 4), h);
        expect(sha(fs.readFileSync(file))).toBe(h);
      }
    } finally {
      await restoredDb.close();
      await dropScratch();
    }
  });

  it.runIf(onPostgres)(
    'refuses to restore into a database Carebase is running on, even with --force',
    async () => {
      const taken = await backupCommand(source);
      expect(taken.code, taken.err.join('\n')).toBe(0);
      const app = await buildApp(source, { startJobs: false, heartbeat: true });
      try {
        await app.ready();
        for (let i = 0; i < 50; i++) {
          const rows = await queryRows(app.ctx.db, sql`SELECT 1 FROM instances WHERE stopped_at IS NULL`);
          if (rows.length) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const refused = await restoreCommand(source, taken.out[0] ?? '', {
          toDatabase: testDb?.url,
          force: true,
        });
        expect(refused).toMatchObject({
          code: 1,
          err: [expect.stringContaining('Carebase is running on this database')],
        });
      } finally {
        await app.close();
      }
    },
  );

  it('exits non-zero naming what is wrong with a backup that is not one', async () => {
    const missing = await backupVerifyCommand(source, 'no-such-backup');
    expect(missing).toMatchObject({ code: 1, err: [expect.stringContaining('has no manifest')] });
    const restore = await restoreCommand(source, 'no-such-backup', { toDataDir: tempDir(), force: false });
    expect(restore).toMatchObject({ code: 1, err: [expect.stringContaining('Not restored')] });
  });
});
