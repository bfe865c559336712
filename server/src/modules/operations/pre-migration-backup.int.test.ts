import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, queryRows } from '../../platform/db/database.ts';
import { createScratchDatabase } from '../../platform/db/database-dump.ts';
import { MIGRATIONS_DIR, migrationLevel, runMigrations } from '../../platform/db/migrate.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { manifestKey } from './backup-manifest.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-premig-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** This build's migrations up to (not including) the one that alters `blobs`: as an older Carebase left them. */
function olderMigrations(): string {
  const folder = tempDir();
  fs.cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === '0028_blob_touched_at');
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/** A database with data, migrated by an older build; its config (PGlite in a folder, or a scratch PostgreSQL). */
async function olderDatabase(env: Record<string, string> = {}) {
  const dataDir = tempDir();
  let url: string | undefined;
  if (process.env.TEST_DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL);
    cleanups.push(scratch.drop);
    url = scratch.url;
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(url ? { DATABASE_URL: url } : {}),
    ...env,
  });
  const { openDatabase } = await import('../../platform/db/open.ts');
  const database: Database = await openDatabase(config);
  try {
    await runMigrations(database, olderMigrations());
    await insertPatient(database.db);
  } finally {
    await database.close();
  }
  return config;
}

describe('the backup before migrations that change existing tables', () => {
  it('is taken, verified and listed before the migrations run', async () => {
    const config = await olderDatabase();
    const app = await buildApp(config, { startJobs: false });
    try {
      const rows = await queryRows<{
        key: string;
        status: string;
        trigger: string;
        row_counts: Record<string, number>;
      }>(app.ctx.db, sql`SELECT key, status, trigger, row_counts FROM backups`);
      expect(rows).toMatchObject([{ status: 'verified', trigger: 'pre-migration' }]);
      expect(rows[0]?.row_counts['public.patients']).toBe(1);
      // Taken at the older level: the journal in its counts has no 0028 yet.
      expect(rows[0]?.row_counts['drizzle.__drizzle_migrations']).toBe(28);
      expect(fs.existsSync(path.join(config.backupUrl, manifestKey(rows[0]?.key ?? '')))).toBe(true);
      const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'));
      expect((await migrationLevel(app.ctx.database)).last).toBe(journal.entries.at(-1).tag);
    } finally {
      await app.close();
    }
    // Nothing pending, nothing taken again.
    const again = await buildApp(config, { startJobs: false });
    try {
      expect(await queryRows(again.ctx.db, sql`SELECT 1 FROM backups`)).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('stops the migrations with a sentence when the backup fails, and leaves the database as it was', async () => {
    const blocked = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocked, 'a file where the backups should go');
    const config = await olderDatabase({ BACKUP_URL: blocked });
    await expect(buildApp(config, { startJobs: false })).rejects.toThrow(
      /did not apply the migrations 0028_blob_touched_at.*BACKUP_BEFORE_MIGRATIONS=false/s,
    );
    const { openDatabase } = await import('../../platform/db/open.ts');
    const database = await openDatabase(config);
    try {
      expect((await migrationLevel(database)).applied).toBe(28);
    } finally {
      await database.close();
    }
  });
});
