import path from 'node:path';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { restoreBackup } from '../modules/operations/backup-restore.ts';
import { verifyBackup } from '../modules/operations/backup-verify.ts';
import { findBackup } from '../modules/operations/backups.repository.ts';
import { startBackup } from '../modules/operations/backups.service.ts';
import { SYSTEM_ACTOR } from '../platform/audit/audit.writer.ts';
import type { BlobBackend } from '../platform/files/blob-backend.ts';
import { openBackend } from '../platform/files/open-blob-store.ts';
import { progressPrinter } from './progress-line.ts';

/** Exit codes: 0 done and verified, 1 the backup or restore failed (the reason printed), 2 bad usage. */
export type CommandOutcome = { code: number; out: string[]; err: string[] };

/**
 * Where a backup named on the command line lives: its destination and key. A key alone is looked for in the
 * configured destination; a path or address ending in backups/KEY names its own destination.
 */
export async function locateBackup(
  config: Pick<Config, 'backupUrl' | 'dataDir'>,
  named: string,
): Promise<{ dest: BlobBackend; key: string }> {
  const staging = path.join(config.dataDir, 'tmp', 'backup-staging');
  const trimmed = named.replace(/\/+$/, '');
  const match = /^(.*)\/backups\/([^/]+)$/.exec(trimmed);
  if (!match) {
    const s3 = config.backupUrl.startsWith('s3://') ? config.backupUrl : undefined;
    return { dest: await openBackend(s3, config.backupUrl, staging), key: trimmed };
  }
  const [, root = '', key = ''] = match;
  if (root.startsWith('s3://')) return { dest: await openBackend(root, '', staging), key };
  return { dest: await openBackend(undefined, path.resolve(root), staging), key };
}

/** `carebase backup`: takes a backup, verifies it, prints where it is; 0 only when it is verified. */
export async function backupCommand(config: Config): Promise<CommandOutcome> {
  const app = await buildApp({ ...config, logLevel: 'error' }, { startJobs: false });
  const printer = progressPrinter();
  try {
    const started = await startBackup(app.ctx, { ...SYSTEM_ACTOR, actorEmail: 'cli' }, 'cli');
    const poll = setInterval(async () => {
      const row = await findBackup(app.ctx.db, started.backup.id).catch(() => undefined);
      if (row?.progress) printer.report(row.progress);
    }, 500);
    const done = await started.finished;
    clearInterval(poll);
    printer.end();
    const where = `${done.destination}/backups/${done.key}`;
    if (done.status === 'verified')
      return {
        code: 0,
        out: [where],
        err: [`Backup verified: ${done.fileCount} files, ${done.sizeBytes} bytes.`],
      };
    return { code: 1, out: [], err: [`Backup failed: ${done.error}`] };
  } finally {
    await app.close();
  }
}

/** `carebase backup-verify BACKUP`: restores it into a scratch database and checks everything. */
export async function backupVerifyCommand(config: Config, named: string): Promise<CommandOutcome> {
  const { dest, key } = await locateBackup(config, named);
  const printer = progressPrinter();
  try {
    const result = await verifyBackup(dest, key, {
      encryptionKey: config.backupEncryptionKey,
      databaseUrl: config.databaseUrl,
      report: printer.report,
    });
    printer.end();
    if (!result.ok) return { code: 1, out: [], err: [`Backup ${key} is NOT good: ${result.reason}`] };
    const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
    return {
      code: 0,
      out: [
        `Backup ${key} verified in ${(result.ms / 1000).toFixed(1)} s: ${rows} rows, ${result.manifest.files.length} files.`,
      ],
      err: [],
    };
  } finally {
    await dest.close();
  }
}

/** `carebase restore BACKUP [--to-data-dir DIR | --to-database URL] [--force]`, with the server stopped. */
export async function restoreCommand(
  config: Config,
  named: string,
  options: { toDataDir?: string; toDatabase?: string; force: boolean },
): Promise<CommandOutcome> {
  const { dest, key } = await locateBackup(config, named);
  const printer = progressPrinter();
  try {
    const verified = await verifyBackup(dest, key, {
      encryptionKey: config.backupEncryptionKey,
      databaseUrl: config.databaseUrl ?? options.toDatabase,
      report: printer.report,
    });
    if (!verified.ok)
      return { code: 1, out: [], err: [`Not restored: backup ${key} is not good: ${verified.reason}`] };
    const { manifest } = verified;
    const toDatabase = options.toDatabase ?? (options.toDataDir ? undefined : config.databaseUrl);
    const dataDir = path.resolve(options.toDataDir ?? config.dataDir);
    const blobs = await openBackend(
      options.toDataDir ? undefined : config.blobStoreUrl,
      path.join(dataDir, 'blobs'),
      path.join(dataDir, 'tmp', 'blob-staging'),
    );
    try {
      const target = toDatabase
        ? ({ kind: 'database', url: toDatabase, blobs } as const)
        : ({ kind: 'data-dir', dir: dataDir, blobs } as const);
      const restored = await restoreBackup(dest, manifest, target, {
        encryptionKey: config.backupEncryptionKey,
        force: options.force,
        report: printer.report,
      });
      printer.end();
      const into = toDatabase ? 'the database' : dataDir;
      return {
        code: 0,
        out: [`Restored backup ${key} (taken ${manifest.createdAt}) into ${into}: ${restored.files} files.`],
        err: [],
      };
    } finally {
      await blobs.close();
    }
  } catch (err) {
    printer.end();
    return { code: 1, out: [], err: [`Not restored: ${(err as Error).message}`] };
  } finally {
    await dest.close();
  }
}
