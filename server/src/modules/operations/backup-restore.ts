import fs from 'node:fs/promises';
import path from 'node:path';
import type { BackupProgress } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/audit.writer.ts';
import { type Database, queryRows } from '../../platform/db/database.ts';
import { pgRestore } from '../../platform/db/database-dump.ts';
import type { BlobBackend } from '../../platform/files/blob-backend.ts';
import { blobKey } from '../../platform/files/blob-store.ts';
import { runningInstances } from '../../platform/monitoring/instances.repository.ts';
import { fileKey, type Manifest } from './backup-manifest.ts';
import { readPiece, sha256Of } from './backup-pieces.ts';
import { BackupRefusedError } from './backup-verify.ts';

export type RestoreTarget =
  | { kind: 'data-dir'; dir: string; blobs: BlobBackend }
  | { kind: 'database'; url: string; blobs: BlobBackend };

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** A folder that is a link could lead the restore out of the target: refused. */
async function refuseLinks(...dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    const stat = await fs.lstat(dir).catch(() => null);
    if (stat?.isSymbolicLink())
      throw new BackupRefusedError(
        `${dir} is a symbolic link; restore writes only into real folders of the target`,
      );
  }
}

async function openTarget(
  target: RestoreTarget,
  manifest: Manifest,
  plain: NodeJS.ReadableStream,
  force: boolean,
) {
  if (target.kind === 'data-dir') {
    if (manifest.database.kind !== 'pglite')
      throw new BackupRefusedError('this is a PostgreSQL backup: restore it with --to-database URL');
    const pgDir = path.join(target.dir, 'pg');
    await refuseLinks(target.dir, pgDir, path.join(target.dir, 'blobs'));
    if (!(await isEmptyDir(pgDir))) {
      if (!force)
        throw new BackupRefusedError(`${target.dir} already holds a database; add --force to replace it`);
      // Kept aside, never deleted: a restore must not lose what was there.
      await fs.rename(pgDir, `${pgDir}.before-restore-${Date.now()}`);
    }
    const { openPglite } = await import('../../platform/db/pglite.ts');
    const { unpackPgliteDataDir } = await import('../../platform/db/pglite-dump.ts');
    try {
      await unpackPgliteDataDir(plain, pgDir);
    } catch (err) {
      // The folder was empty or absent (what was there is kept aside above): only what the unpacking wrote goes.
      await fs.rm(pgDir, { recursive: true, force: true });
      throw err;
    }
    return openPglite({ dataDir: target.dir });
  }
  if (manifest.database.kind !== 'postgres')
    throw new BackupRefusedError('this is an embedded-database backup: restore it with --to-data-dir DIR');
  const filled = await checkDatabaseTarget(target.url, force);
  await pgRestore(target.url, plain as import('node:stream').Readable, filled);
  const { openPostgres } = await import('../../platform/db/postgres.ts');
  return openPostgres(target.url, 2);
}

/**
 * Refuses a PostgreSQL target that a running Carebase uses (even with force) or that holds tables (without
 * force); says whether it holds tables, which the restore then drops first.
 */
export async function checkDatabaseTarget(url: string, force: boolean): Promise<boolean> {
  const { openPostgres } = await import('../../platform/db/postgres.ts');
  const existing = await openPostgres(url, 1);
  let tables: { n: number }[];
  try {
    tables = await queryRows<{ n: number }>(
      existing.db,
      sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle')`,
    );
    const running = await runningInstances(existing.db);
    if (running.length)
      throw new BackupRefusedError(
        `Carebase is running on this database (${running.map((r) => `${r.host} pid ${r.pid}`).join(', ')}): stop it before restoring`,
      );
  } finally {
    await existing.close();
  }
  const filled = Number(tables[0]?.n ?? 0) > 0;
  if (filled && !force)
    throw new BackupRefusedError('the target database is not empty; add --force to replace what is in it');
  return filled;
}

/** Copies into the target's blob store each file it lacks, from the destination, checking each one's hash. */
export async function restoreFiles(
  dest: BlobBackend,
  files: readonly { sha256: string; size: number }[],
  target: BlobBackend,
  options: {
    keyFingerprint: string | null;
    encryptionKey: Buffer | null;
    report: (p: BackupProgress) => void;
  },
): Promise<{ bytes: number }> {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  for (const file of files) {
    const key = blobKey(file.sha256);
    if ((await target.stat(key)) !== file.size) {
      await target.write(
        key,
        await readPiece(dest, fileKey(file.sha256, options.keyFingerprint), options.encryptionKey),
      );
      const written = await sha256Of(await target.read(key));
      if (written.sha256 !== file.sha256)
        throw new BackupRefusedError(`the file ${file.sha256} came out of the backup damaged`);
    }
    done += file.size;
    options.report({ phase: 'files', done, total });
  }
  return { bytes: total };
}

/** Marks backups the restored data thought running as failed, and records the restore in its audit trail. */
export async function recordRestore(
  database: Database,
  manifest: Manifest,
  details: Record<string, unknown>,
): Promise<void> {
  await database.db.execute(
    sql`UPDATE backups SET status = 'failed', progress = NULL, finished_at = now(),
        error = 'it was running when the backup now restored was taken' WHERE status = 'running'`,
  );
  await writeAudit(database.db, SYSTEM_ACTOR, {
    action: 'backup.restore',
    resourceType: 'backup',
    resourceId: manifest.id,
    details: { takenAt: manifest.createdAt, ...details },
  });
}

/**
 * Restores a verified backup's database into the target and its files into the target's blob store (each
 * checked against its hash), then records the restore in the restored audit trail.
 */
export async function restoreBackup(
  dest: BlobBackend,
  manifest: Manifest,
  target: RestoreTarget,
  options: { encryptionKey: Buffer | null; force: boolean; report: (p: BackupProgress) => void },
): Promise<{ files: number; bytes: number }> {
  const plain = await readPiece(dest, manifest.database.piece.key, options.encryptionKey);
  const database: Database = await openTarget(target, manifest, plain, options.force);
  try {
    const { bytes } = await restoreFiles(dest, manifest.files, target.blobs, {
      keyFingerprint: manifest.encryption?.keyFingerprint ?? null,
      encryptionKey: options.encryptionKey,
      report: options.report,
    });
    await recordRestore(database, manifest, { files: manifest.files.length, rowCounts: manifest.rowCounts });
    return { files: manifest.files.length, bytes };
  } finally {
    await database.close();
  }
}
