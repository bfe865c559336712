import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  type Backup,
  type BackupDetail,
  type BackupList,
  type BackupProgress,
  EVENT_TYPES,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { uniqueViolation } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { openBackend } from '../../platform/files/open-blob-store.ts';
import { tarLength, tarStream } from '../../platform/tar/tar-writer.ts';
import { userNames } from '../encounters/encounters.repository.ts';
import { fileKey, manifestKey } from './backup-manifest.ts';
import { pruneBackups } from './backup-prune.ts';
import { type BackupTarget, backupKeyOf, newBackupId, takeBackup } from './backup-take.ts';
import { openManifest, verifyBackup } from './backup-verify.ts';
import * as repo from './backups.repository.ts';

/** A running backup not moved on for this long was cut off with its server. */
export const STALE_BACKUP_MS = 120_000;
const HEARTBEAT_MS = 15_000;
const PROGRESS_EVERY_MS = 500;

/** The configured destination (a folder, or an S3-compatible bucket) and the encryption key. */
export async function openBackupTarget(
  config: Pick<Config, 'backupUrl' | 'backupEncryptionKey' | 'dataDir'>,
): Promise<BackupTarget> {
  const s3 = config.backupUrl.startsWith('s3://') ? config.backupUrl : undefined;
  const dest = await openBackend(s3, config.backupUrl, path.join(config.dataDir, 'tmp', 'backup-staging'));
  return { dest, encryptionKey: config.backupEncryptionKey };
}

function toBackup(r: repo.BackupRow, names: Map<string, string>): Backup {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    destination: r.destination,
    key: r.key,
    startedAt: r.startedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
    durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    sizeBytes: r.sizeBytes,
    databaseBytes: r.databaseBytes,
    fileCount: r.fileCount,
    filesCopied: r.filesCopied,
    encrypted: r.encrypted,
    verifiedAt: iso(r.verifiedAt),
    verifyMs: r.verifyMs,
    error: r.error,
    progress: r.status === 'running' ? r.progress : null,
    startedByName: r.startedBy ? (names.get(r.startedBy) ?? null) : null,
  };
}

const changed = (ctx: AppContext, id: string) =>
  publishEvent(ctx.db, { type: EVENT_TYPES.backupChanged, permission: 'backups:manage', resourceId: id });

export async function listBackups(ctx: AppContext): Promise<BackupList> {
  await repo.failStaleBackups(ctx.db, STALE_BACKUP_MS);
  const rows = await repo.listBackups(ctx.db);
  const names = await userNames(
    ctx.db,
    rows.map((r) => r.startedBy),
  );
  const month = await repo.finishedSince(ctx.db, new Date(Date.now() - 30 * 86_400_000));
  const finished = month.verified + month.failed;
  const last = await repo.lastVerifiedAt(ctx.db);
  return {
    items: rows.map((r) => toBackup(r, names)),
    successRate: finished ? month.verified / finished : null,
    lastVerifiedAt: last?.toISOString() ?? null,
    running: rows.some((r) => r.status === 'running'),
  };
}

export async function getBackup(ctx: AppContext, id: string): Promise<BackupDetail> {
  const row = await repo.findBackup(ctx.db, id);
  if (!row) throw new AppError('not_found', `backup ${id} not found`);
  const names = await userNames(ctx.db, [row.startedBy]);
  return { ...toBackup(row, names), rowCounts: row.rowCounts };
}

export type StartedBackup = { backup: Backup; finished: Promise<repo.BackupRow> };

/**
 * Starts a backup and returns at once with its row; `finished` settles when it is verified or failed (it never
 * rejects). Refused with 409 while another runs, on any instance.
 */
export async function startBackup(
  ctx: AppContext,
  actor: ActorContext,
  trigger: Backup['trigger'],
): Promise<StartedBackup> {
  await repo.failStaleBackups(ctx.db, STALE_BACKUP_MS);
  const target = await openBackupTarget(ctx.config);
  const id = newBackupId();
  const now = new Date();
  let row: repo.BackupRow;
  try {
    row = await ctx.db.transaction(async (tx) => {
      const inserted = await repo.insertBackup(tx, {
        id,
        status: 'running',
        trigger,
        destination: target.dest.location,
        key: backupKeyOf(id, now),
        encrypted: target.encryptionKey !== null,
        startedAt: now,
        startedBy: actor.actorId,
        progress: { phase: 'database', done: 0, total: 0 },
      });
      await writeAudit(tx, actor, {
        action: 'backup.start',
        resourceType: 'backup',
        resourceId: id,
        details: { trigger, destination: inserted.destination, key: inserted.key },
      });
      return inserted;
    });
  } catch (err) {
    await target.dest.close();
    if (uniqueViolation(err) === 'backups_one_running') {
      const running = await repo.runningBackup(ctx.db);
      throw new AppError(
        'conflict',
        `A backup is already running (started ${running?.startedAt.toISOString() ?? 'just now'}); wait for it to finish.`,
      );
    }
    throw err;
  }
  await changed(ctx, id);
  const names = await userNames(ctx.db, [actor.actorId]);
  const finished = runBackup(ctx, actor, row, target).catch(async (err: unknown) => {
    ctx.log.error({ err, backup: id }, 'the backup outcome could not be recorded');
    return (await repo.findBackup(ctx.db, id)) ?? row;
  });
  return { backup: toBackup(row, names), finished };
}

async function runBackup(
  ctx: AppContext,
  actor: ActorContext,
  row: repo.BackupRow,
  target: BackupTarget,
): Promise<repo.BackupRow> {
  let last = 0;
  let pending: BackupProgress | null = null;
  const save = async (progress: BackupProgress) => {
    await repo.recordProgress(ctx.db, row.id, progress);
    await changed(ctx, row.id);
  };
  const report = (progress: BackupProgress) => {
    pending = progress;
    if (Date.now() - last < PROGRESS_EVERY_MS) return;
    last = Date.now();
    void save(progress).catch((err: unknown) => ctx.log.warn({ err }, 'backup progress not saved'));
  };
  const heartbeat = setInterval(() => {
    if (pending) void save(pending).catch(() => {});
  }, HEARTBEAT_MS);
  let patch: Partial<repo.NewBackupRow>;
  try {
    const source = {
      database: ctx.database,
      databaseUrl: ctx.config.databaseUrl,
      blobs: ctx.blobs,
      baseBackup: ctx.config.backupWal,
    };
    const taken = await takeBackup(source, target, row, report);
    const verified = await verifyBackup(target.dest, row.key, {
      encryptionKey: target.encryptionKey,
      databaseUrl: ctx.config.databaseUrl,
      report,
    });
    if (verified.ok) {
      const { settings } = await ctx.settings.get(ctx.db);
      const pruned = await pruneBackups(ctx.db, target.dest, {
        retention: settings.backups.retention,
        timeZone: settings.timeZone,
        encryptionKey: target.encryptionKey,
        current: row,
      }).catch((err: unknown) => {
        ctx.log.warn({ err }, 'retention could not be applied; it is tried again after the next backup');
        return null;
      });
      if (pruned?.backupsRemoved) ctx.log.info({ ...pruned }, 'old backups removed by retention');
    }
    patch = {
      sizeBytes: taken.sizeBytes,
      databaseBytes: taken.databaseBytes,
      fileCount: taken.manifest.files.length,
      filesCopied: taken.filesCopied,
      rowCounts: taken.manifest.rowCounts,
      verifyMs: verified.ms,
      ...(verified.ok
        ? { status: 'verified', verifiedAt: new Date() }
        : { status: 'failed', error: `Verification failed: ${verified.reason}` }),
    };
  } catch (err) {
    ctx.log.error({ err, backup: row.id }, 'backup failed');
    patch = { status: 'failed', error: (err as Error).message.slice(0, 2000) };
  } finally {
    clearInterval(heartbeat);
    await target.dest.close();
  }
  const finished = await ctx.db.transaction(async (tx) => {
    const done = await repo.finishBackup(tx, row.id, patch);
    await writeAudit(tx, actor, {
      action: done.status === 'verified' ? 'backup.verified' : 'backup.failed',
      resourceType: 'backup',
      resourceId: row.id,
      details: { key: done.key, sizeBytes: done.sizeBytes, error: done.error },
    });
    return done;
  });
  await changed(ctx, row.id);
  return finished;
}

/**
 * A verified backup as one tar archive of its stored pieces (encrypted ones stay encrypted): extracted into a
 * folder, it restores with `carebase restore DIR/backups/KEY`. Admin only, and audited.
 */
export async function downloadBackup(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
): Promise<{ filename: string; length: number; stream: Readable }> {
  const row = await repo.findBackup(ctx.db, id);
  if (!row) throw new AppError('not_found', `backup ${id} not found`);
  if (row.status !== 'verified' || row.prunedAt)
    throw new AppError('conflict', 'Only a verified backup still kept in its destination can be downloaded.');
  const target = await openBackupTarget(ctx.config);
  if (target.dest.location !== row.destination) {
    await target.dest.close();
    throw new AppError(
      'conflict',
      `The backup is in ${row.destination}, not in the destination configured now.`,
    );
  }
  try {
    const manifest = await openManifest(target.dest, row.key, target.encryptionKey);
    const fingerprint = manifest.encryption?.keyFingerprint ?? null;
    const pieces = [
      { key: manifestKey(row.key), size: (await target.dest.stat(manifestKey(row.key))) ?? 0 },
      { key: manifest.database.piece.key, size: manifest.database.piece.size },
      ...(manifest.baseBackup
        ? [{ key: manifest.baseBackup.piece.key, size: manifest.baseBackup.piece.size }]
        : []),
    ];
    for (const f of manifest.files) {
      const key = fileKey(f.sha256, fingerprint);
      const size = await target.dest.stat(key);
      if (size === null)
        throw new AppError('conflict', `The backup's file ${f.sha256} is missing from ${row.destination}.`);
      pieces.push({ key, size });
    }
    const entries = pieces.map((p) => ({ name: p.key, size: p.size, open: () => target.dest.read(p.key) }));
    await writeAudit(ctx.db, actor, {
      action: 'backup.download',
      resourceType: 'backup',
      resourceId: id,
      details: { key: row.key, files: manifest.files.length },
    });
    const stream = tarStream(entries);
    stream.on('close', () => void target.dest.close());
    return { filename: `carebase-backup-${row.key}.tar`, length: tarLength(entries), stream };
  } catch (err) {
    await target.dest.close();
    throw err;
  }
}
