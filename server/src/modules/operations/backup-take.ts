import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BackupProgress } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import { takeBaseBackup } from '../../platform/db/base-backup.ts';
import type { Database } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/database.ts';
import { dumpDatabase } from '../../platform/db/database-dump.ts';
import { migrationLevel } from '../../platform/db/migrate.ts';
import type { BlobBackend } from '../../platform/files/blob-backend.ts';
import type { BlobStore } from '../../platform/files/blob-store.ts';
import { CAREBASE_VERSION } from '../../platform/version.ts';
import { keyFingerprint } from './backup-crypto.ts';
import { fileKey, filesFolder, MANIFEST_FORMAT, type Manifest, manifestKey } from './backup-manifest.ts';
import { type Piece, writePiece } from './backup-pieces.ts';

export type BackupSource = {
  database: Database;
  databaseUrl: string | undefined;
  blobs: BlobStore;
  /** Also take a physical base backup for point-in-time recovery (BACKUP_WAL). */
  baseBackup?: boolean;
};
export type BackupTarget = { dest: BlobBackend; encryptionKey: Buffer | null };
export type TakenBackup = {
  manifest: Manifest;
  sizeBytes: number;
  databaseBytes: number;
  filesCopied: number;
};

/** `2026-12-07T150405Z-1a2b3c4d`: sorts by time, and says when at a glance. */
export function backupKeyOf(id: string, at: Date): string {
  return `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${id.slice(0, 8)}`;
}

/** The cluster's physical copy, stored beside the dump; what a point-in-time restore replays WAL onto. */
async function writeBaseBackup(
  url: string,
  target: BackupTarget,
  backupKey: string,
  report: (progress: BackupProgress) => void,
): Promise<NonNullable<Manifest['baseBackup']>> {
  const base = await takeBaseBackup(url);
  try {
    const [piece, info] = await Promise.all([
      writePiece(target.dest, `backups/${backupKey}/base.tar.gz`, base.stream, target.encryptionKey, (done) =>
        report({ phase: 'database', done, total: 0 }),
      ),
      base.done,
    ]);
    return { piece, ...info };
  } catch (err) {
    base.cancel();
    await base.done.catch(() => {});
    throw err;
  }
}

async function keysUnder(dest: BlobBackend, prefix: string): Promise<Set<string>> {
  const found = new Set<string>();
  for await (const o of dest.list(prefix)) found.add(o.key);
  return found;
}

type CopiedFiles = { kept: Manifest['files']; copied: number };

/**
 * Copies every blob the database names that the destination does not hold yet. The list is read once the dump's
 * snapshot is taken, so it holds every blob the dumped rows name (a blob row is written before the rows naming it).
 */
async function copyFiles(
  source: BackupSource,
  target: BackupTarget,
  signal: AbortSignal,
  report: (progress: BackupProgress) => void,
): Promise<CopiedFiles> {
  const { dest, encryptionKey } = target;
  const files = await queryRows<{ sha256: string; size: string | number }>(
    source.database.db,
    sql`SELECT sha256, size FROM blobs ORDER BY sha256`,
  );
  const fingerprint = encryptionKey ? keyFingerprint(encryptionKey) : null;
  const keyOf = (sha256: string) => fileKey(sha256, fingerprint);
  const present = await keysUnder(dest, filesFolder(fingerprint));
  const missing = files.filter((f) => !present.has(keyOf(f.sha256)));
  const total = missing.reduce((sum, f) => sum + Number(f.size), 0);
  let copiedBytes = 0;
  const kept: Manifest['files'] = [];
  let copied = 0;
  for (const f of files) {
    const size = Number(f.size);
    if (present.has(keyOf(f.sha256))) {
      kept.push({ sha256: f.sha256, size });
      continue;
    }
    signal.throwIfAborted();
    if ((await source.blobs.stat(f.sha256)) === null) {
      // Collected since the list was read (no row names it any more), or lost: only the first is fine.
      const still = await queryRows(source.database.db, sql`SELECT 1 FROM blobs WHERE sha256 = ${f.sha256}`);
      if (still.length) throw new Error(`the file ${f.sha256} is missing from the blob store`);
      continue;
    }
    const { stream } = await source.blobs.open(f.sha256);
    const before = copiedBytes;
    await writePiece(dest, keyOf(f.sha256), stream, encryptionKey, (done) => {
      copiedBytes = before + done;
      report({ phase: 'files', done: copiedBytes, total });
    });
    copied++;
    kept.push({ sha256: f.sha256, size });
  }
  return { kept, copied };
}

/**
 * Takes a backup into the destination: the database dump with its row counts and, alongside it, every blob the
 * database names that the destination does not hold yet (content-addressed, so a file is copied once for all
 * backups), then the manifest, last. Anything cut off before the manifest is not a backup.
 */
export async function takeBackup(
  source: BackupSource,
  target: BackupTarget,
  backup: { id: string; key: string },
  report: (progress: BackupProgress) => void,
): Promise<TakenBackup> {
  const { dest, encryptionKey } = target;
  const dump = await dumpDatabase(source.database, source.databaseUrl);
  const extension = dump.format === 'pglite-datadir' ? 'tar.gz' : 'dump';
  // The dump and the files are copied at once: an incremental backup then costs about the dump alone. Once the
  // files report, the progress follows them (they are most of a full backup), not both in turn.
  let filesReporting = false;
  const dumping = Promise.all([
    writePiece(dest, `backups/${backup.key}/database.${extension}`, dump.stream, encryptionKey, (done) => {
      if (!filesReporting) report({ phase: 'database', done, total: 0 });
    }),
    dump.done,
  ]).then(([written]) => written);
  const abort = new AbortController();
  const copying = copyFiles(source, target, abort.signal, (progress) => {
    filesReporting = true;
    report(progress);
  });
  let piece: Piece;
  let files: CopiedFiles;
  try {
    [piece, files] = await Promise.all([dumping, copying]);
  } catch (err) {
    dump.cancel();
    abort.abort();
    await Promise.allSettled([dumping, copying, dump.done]);
    throw err;
  }

  let baseBackup: Manifest['baseBackup'];
  if (source.baseBackup) {
    if (!source.databaseUrl) throw new Error('a base backup needs PostgreSQL (DATABASE_URL)');
    baseBackup = await writeBaseBackup(source.databaseUrl, target, backup.key, report);
  }
  const { kept, copied } = files;

  report({ phase: 'manifest', done: 0, total: 1 });
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    id: backup.id,
    createdAt: new Date().toISOString(),
    carebaseVersion: CAREBASE_VERSION,
    migrations: await migrationLevel(source.database),
    database: { kind: source.database.kind, format: dump.format, piece },
    rowCounts: dump.counts,
    ...(baseBackup ? { baseBackup } : {}),
    files: kept,
    encryption: encryptionKey
      ? { algorithm: 'aes-256-gcm', keyFingerprint: keyFingerprint(encryptionKey) }
      : null,
  };
  const text = Buffer.from(JSON.stringify(manifest, null, 1));
  await dest.write(manifestKey(backup.key), Readable.from([text]));
  const fileBytes = kept.reduce((sum, f) => sum + f.size, 0);
  return {
    manifest,
    sizeBytes: piece.size + (baseBackup?.piece.size ?? 0) + text.length + fileBytes,
    databaseBytes: piece.size,
    filesCopied: copied,
  };
}

export const newBackupId = () => randomUUID();
