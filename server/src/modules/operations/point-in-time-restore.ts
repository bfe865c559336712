import { Transform } from 'node:stream';
import type { BackupProgress } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.ts';
import { countRowsPerTable, dumpDatabase, pgRestore } from '../../platform/db/database-dump.ts';
import { replayToMoment } from '../../platform/db/replay-server.ts';
import { lastWalWrite } from '../../platform/db/wal-segments.ts';
import type { BlobBackend } from '../../platform/files/blob-backend.ts';
import { blobKey } from '../../platform/files/blob-store.ts';
import { fileKey, type Manifest, manifestKey } from './backup-manifest.ts';
import { readPiece } from './backup-pieces.ts';
import { checkDatabaseTarget, recordRestore, restoreFiles } from './backup-restore.ts';
import { BackupRefusedError, checkPiece, openManifest } from './backup-verify.ts';

export type MomentRestoreOptions = {
  until: Date;
  /** The archive pg_receivewal writes: the destination folder's wal/. */
  walDir: string;
  encryptionKey: Buffer | null;
  force: boolean;
  report: (p: BackupProgress) => void;
  say: (line: string) => void;
};

/** The backup to replay from when none is named: the newest whose base backup finished before the moment. */
export async function latestBaseBackupBefore(
  dest: BlobBackend,
  until: Date,
  encryptionKey: Buffer | null,
): Promise<{ key: string; manifest: Manifest }> {
  let best: { key: string; manifest: Manifest; at: number } | null = null;
  for await (const o of dest.list('backups')) {
    const key = /^backups\/([^/]+)\/manifest\.json$/.exec(o.key)?.[1];
    if (!key || manifestKey(key) !== o.key) continue;
    const manifest = await openManifest(dest, key, encryptionKey).catch(() => null);
    const at = manifest?.baseBackup ? Date.parse(manifest.baseBackup.finishedAt) : Number.NaN;
    if (manifest && at <= until.getTime() && (!best || at > best.at)) best = { key, manifest, at };
  }
  if (!best)
    throw new BackupRefusedError(
      `${dest.location} holds no backup with a base backup finished before ${until.toISOString()} ` +
        '(base backups are taken only while BACKUP_WAL is on)',
    );
  return best;
}

/** Refuses, with a sentence, a moment the backup and the archive cannot reach. */
async function checkMoment(key: string, manifest: Manifest, options: MomentRestoreOptions) {
  const base = manifest.baseBackup;
  if (!base)
    throw new BackupRefusedError(
      `backup ${key} has no base backup (it was taken with BACKUP_WAL off): restore it without --until`,
    );
  const until = options.until.toISOString();
  if (options.until.getTime() < Date.parse(base.finishedAt))
    throw new BackupRefusedError(
      `${until} is before the base backup of ${key} was complete (${base.finishedAt}): choose a later moment or an older backup`,
    );
  if (options.until.getTime() > Date.now()) throw new BackupRefusedError(`${until} has not happened yet`);
  const last = await lastWalWrite(options.walDir);
  if (!last) throw new BackupRefusedError(`there is no archived WAL in ${options.walDir}`);
  if (options.until > last)
    throw new BackupRefusedError(
      `the archived WAL in ${options.walDir} ends at ${last.toISOString()}, before ${until}: nothing after it can be replayed`,
    );
  return base;
}

/**
 * Restores the database as it was at a moment: the backup's base backup replayed with the archived WAL in a
 * temporary server, copied into the target with pg_dump and pg_restore (the copy's row counts checked), then
 * the files its rows name that the destination holds, and the restore recorded in the restored audit trail.
 */
export async function restoreToMoment(
  dest: BlobBackend,
  backup: { key: string; manifest: Manifest },
  target: { url: string; blobs: BlobBackend },
  options: MomentRestoreOptions,
): Promise<{ files: number; filesMissing: number }> {
  const { key, manifest } = backup;
  const base = await checkMoment(key, manifest, options);
  await checkPiece(dest, base.piece, 'the base backup');
  const filled = await checkDatabaseTarget(target.url, options.force);
  let extracted = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _enc, done) {
      extracted += chunk.length;
      options.report({ phase: 'database', done: extracted, total: base.piece.size });
      done(null, chunk);
    },
  });
  const baseTar = await readPiece(dest, base.piece.key, options.encryptionKey);
  baseTar.on('error', (err) => counting.destroy(err));
  const replayed = await replayToMoment({
    ...base,
    baseTar: baseTar.pipe(counting),
    walDir: options.walDir,
    until: options.until,
    say: options.say,
  });
  const { openPostgres } = await import('../../platform/db/postgres.ts');
  try {
    const source = await openPostgres(replayed.url, 1);
    let files: { sha256: string; size: number }[];
    let counts: Record<string, number>;
    try {
      options.say('Copying the database as it was into the target…');
      const dump = await dumpDatabase(source, replayed.url);
      await Promise.all([pgRestore(target.url, dump.stream, filled), dump.done]);
      counts = dump.counts;
      files = (
        await queryRows<{ sha256: string; size: string | number }>(
          source.db,
          sql`SELECT sha256, size FROM blobs`,
        )
      ).map((f) => ({ sha256: f.sha256, size: Number(f.size) }));
    } finally {
      await source.close();
    }
    const restored = await openPostgres(target.url, 2);
    try {
      const found = await countRowsPerTable(restored.db);
      const differing = Object.keys(counts).filter((t) => counts[t] !== found[t]);
      if (differing.length)
        throw new BackupRefusedError(`the restored copy's row counts differ in ${differing.join(', ')}`);
      const fingerprint = manifest.encryption?.keyFingerprint ?? null;
      const held: typeof files = [];
      for (const f of files) {
        const inTarget = (await target.blobs.stat(blobKey(f.sha256))) === f.size;
        if (inTarget || (await dest.stat(fileKey(f.sha256, fingerprint))) !== null) held.push(f);
      }
      await restoreFiles(dest, held, target.blobs, {
        keyFingerprint: fingerprint,
        encryptionKey: options.encryptionKey,
        report: options.report,
      });
      const filesMissing = files.length - held.length;
      await recordRestore(restored, manifest, {
        until: options.until.toISOString(),
        baseBackupAt: base.finishedAt,
        files: held.length,
        filesMissing,
        rowCounts: counts,
      });
      return { files: held.length, filesMissing };
    } finally {
      await restored.close();
    }
  } finally {
    await replayed.stop();
  }
}
