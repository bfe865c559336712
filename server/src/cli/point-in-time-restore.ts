import path from 'node:path';
import type { Config } from '../config.ts';
import { openManifest } from '../modules/operations/backup-verify.ts';
import { openBackupTarget } from '../modules/operations/backups.service.ts';
import { latestBaseBackupBefore, restoreToMoment } from '../modules/operations/point-in-time-restore.ts';
import { parseMoment } from '../modules/operations/restore-moment.ts';
import { readSystemSettings } from '../modules/settings/settings.service.ts';
import { walFolder } from '../platform/db/wal-receiver.ts';
import { openBackend } from '../platform/files/open-blob-store.ts';
import { type CommandOutcome, locateBackup } from './backups.ts';
import { progressPrinter } from './progress-line.ts';

/** The clinic's time zone from its settings in DATABASE_URL, or UTC when that cannot be read. */
async function clinicTimeZone(config: Pick<Config, 'databaseUrl'>): Promise<string> {
  if (!config.databaseUrl) return 'UTC';
  const { openPostgres } = await import('../platform/db/postgres.ts');
  try {
    const database = await openPostgres(config.databaseUrl, 1);
    try {
      return (await readSystemSettings(database.db)).settings.timeZone;
    } finally {
      await database.close();
    }
  } catch {
    return 'UTC';
  }
}

/**
 * `carebase restore [BACKUP] --until MOMENT [--to-database URL] [--force]`: the database as it was at the
 * moment, from the named backup's base backup, or (no BACKUP) the newest one in BACKUP_URL finished before it.
 */
export async function restoreUntilCommand(
  config: Config,
  named: string | undefined,
  options: { until: string; toDatabase?: string; force: boolean },
): Promise<CommandOutcome> {
  const url = options.toDatabase ?? config.databaseUrl;
  if (!url)
    return {
      code: 2,
      out: [],
      err: [
        'restore --until replays PostgreSQL: name the target with --to-database URL (or set DATABASE_URL).',
      ],
    };
  const printer = progressPrinter();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const location = named
    ? await locateBackup(config, named)
    : { ...(await openBackupTarget(config)), key: '' };
  const { dest } = location;
  try {
    if (dest.location.startsWith('s3://'))
      return {
        code: 1,
        out: [],
        err: [
          'Not restored: the WAL archive is kept in a local folder, so restore --until needs one as the destination.',
        ],
      };
    const timeZone = await clinicTimeZone(config);
    const until = parseMoment(options.until, timeZone);
    say(`Restoring the database as it was at ${until.toISOString()} (--until read in ${timeZone}).`);
    const backup = named
      ? { key: location.key, manifest: await openManifest(dest, location.key, config.backupEncryptionKey) }
      : await latestBaseBackupBefore(dest, until, config.backupEncryptionKey);
    say(`Replaying from backup ${backup.key}.`);
    const blobsDir = path.join(config.dataDir, 'blobs');
    const blobs = await openBackend(
      config.blobStoreUrl,
      blobsDir,
      path.join(config.dataDir, 'tmp', 'blob-staging'),
    );
    try {
      const restored = await restoreToMoment(
        dest,
        backup,
        { url, blobs },
        {
          until,
          walDir: walFolder(dest.location),
          encryptionKey: config.backupEncryptionKey,
          force: options.force,
          report: printer.report,
          say,
        },
      );
      printer.end();
      const missing = restored.filesMissing
        ? [
            `${restored.filesMissing} files the database names then are in no backup (added after the last backup); ` +
              'their rows are restored without them.',
          ]
        : [];
      return {
        code: 0,
        out: [
          `Restored the database as it was at ${until.toISOString()} (replayed from backup ${backup.key}): ${restored.files} files.`,
        ],
        err: missing,
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
