import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { pendingMigrations, runMigrations } from '../../platform/db/migrate.ts';
import type { BlobStore } from '../../platform/files/blob-store.ts';
import { backupKeyOf, newBackupId, takeBackup } from './backup-take.ts';
import { verifyBackup } from './backup-verify.ts';
import * as repo from './backups.repository.ts';
import { openBackupTarget } from './backups.service.ts';

/** Statements that change what is already stored (new tables and indexes do not). */
const CHANGES_EXISTING = /\b(ALTER\s+TABLE|DROP\s+TABLE|UPDATE\s+"?\w|DELETE\s+FROM|TRUNCATE|ALTER\s+TYPE)/i;

export type PreMigrationBackup = { row: repo.NewBackupRow } | null;

export class PreMigrationBackupError extends Error {}

/**
 * Before migrations that change existing tables, a verified backup of the database as it is; Carebase does not
 * migrate without one (BACKUP_BEFORE_MIGRATIONS=false skips it). Returns the row to record once the
 * migrations have made the table to record it in.
 */
export async function backupBeforeMigrations(
  database: Database,
  blobs: BlobStore,
  config: Config,
  say: (message: string) => void,
): Promise<PreMigrationBackup> {
  if (!config.backupBeforeMigrations) return null;
  const pending = await pendingMigrations(database);
  const changing = pending.filter((m) => CHANGES_EXISTING.test(m.sql)).map((m) => m.tag);
  if (!changing.length) return null;
  say(`Taking a backup before the migrations that change existing tables (${changing.join(', ')}).`);
  const target = await openBackupTarget(config);
  const id = newBackupId();
  const startedAt = new Date();
  const key = backupKeyOf(id, startedAt);
  try {
    const source = { database, databaseUrl: config.databaseUrl, blobs, baseBackup: config.backupWal };
    const taken = await takeBackup(source, target, { id, key }, () => {});
    const verified = await verifyBackup(target.dest, key, {
      encryptionKey: target.encryptionKey,
      databaseUrl: config.databaseUrl,
    });
    if (!verified.ok) throw new PreMigrationBackupError(verified.reason);
    say(`Backup ${key} in ${target.dest.location} verified; migrating.`);
    return {
      row: {
        id,
        status: 'verified',
        trigger: 'pre-migration',
        destination: target.dest.location,
        key,
        encrypted: target.encryptionKey !== null,
        startedAt,
        finishedAt: new Date(),
        sizeBytes: taken.sizeBytes,
        databaseBytes: taken.databaseBytes,
        fileCount: taken.manifest.files.length,
        filesCopied: taken.filesCopied,
        rowCounts: taken.manifest.rowCounts,
        verifiedAt: new Date(),
        verifyMs: verified.ms,
      },
    };
  } catch (err) {
    throw new PreMigrationBackupError(
      `Carebase did not apply the migrations ${changing.join(', ')}: the backup taken before them failed (${(err as Error).message}). ` +
        'Fix the backup (see BACKUP_URL), or set BACKUP_BEFORE_MIGRATIONS=false to migrate without one.',
    );
  } finally {
    await target.dest.close();
  }
}

/** Applies the pending migrations, after a verified backup when they change existing tables (recorded after). */
export async function migrateWithBackup(
  database: Database,
  blobs: BlobStore,
  config: Config,
  say: (message: string) => void,
): Promise<void> {
  const taken = await backupBeforeMigrations(database, blobs, config, say);
  await runMigrations(database);
  if (taken) await repo.insertBackup(database.db, taken.row);
}
