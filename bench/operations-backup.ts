import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { restoreCommand } from '../server/src/cli/backups.ts';
import { loadConfig } from '../server/src/config.ts';
import { startBackup } from '../server/src/modules/operations/backups.service.ts';
import { SYSTEM_ACTOR } from '../server/src/platform/audit/audit.writer.ts';
import { createScratchDatabase } from '../server/src/platform/db/database-dump.ts';
import { memoryOf, sampleRss } from './operations-transfer.ts';
import { generatePatients } from './patients-generate.ts';

const MB = 1024 * 1024;
const FILE_BYTES = 4 * MB;

export type BackupFigures = {
  kind: string;
  patients: number;
  filesMb: number;
  fullMs: number;
  fullVerifyMs: number;
  fullMbS: number;
  databaseMb: number;
  incrementalMs: number;
  incrementalVerifyMs: number;
  restoreMs: number;
  peakRssMb: number;
  baseRssMb: number;
};

/** Files of 4 MB, each different (its index written into its first bytes). */
async function putFiles(
  app: Awaited<ReturnType<typeof buildApp>>,
  from: number,
  count: number,
): Promise<void> {
  const base = Buffer.alloc(FILE_BYTES);
  for (let i = 0; i < FILE_BYTES; i += 4) base.writeUInt32LE((i * 2654435761) >>> 0, i);
  base.write('%PDF-1.7\n', 0, 'latin1');
  for (let i = from; i < from + count; i++) {
    const content = Buffer.from(base);
    content.writeUInt32LE(i, 16);
    await app.ctx.blobs.put(app.ctx.db, content, { contentType: 'application/pdf' });
  }
}

/**
 * A database of `patients` generated patients and `filesMb` of files; a full backup (verified), then one after
 * adding 1 % more files, then a restore of the latest into an empty target. Timed, with this process's RSS.
 */
export async function measureBackup(
  kind: 'pglite' | 'postgres',
  patients: number,
  filesMb: number,
  pgUrl: string,
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-bench-backup-'));
  const scratch = kind === 'postgres' ? await createScratchDatabase(pgUrl) : null;
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  });
  const app = await buildApp(config, { startJobs: false });
  let restoreTarget: { url: string; drop: () => Promise<void> } | null = null;
  try {
    await generatePatients(app.ctx.db, patients);
    const count = Math.max(1, Math.round(filesMb / 4));
    await putFiles(app, 0, count);
    const backup = async () => {
      const stop = sampleRss(process.pid);
      const done = await (await startBackup(app.ctx, SYSTEM_ACTOR, 'cli')).finished;
      const rss = stop();
      if (done.status !== 'verified') throw new Error(`the backup failed: ${done.error}`);
      const ms = (done.finishedAt?.getTime() ?? 0) - done.startedAt.getTime();
      return { done, ms, rss };
    };
    const baseRss = memoryOf(process.pid).rss;
    const full = await backup();
    await putFiles(app, count, Math.max(1, Math.round(count / 100)));
    const incremental = await backup();

    const started = performance.now();
    const stop = sampleRss(process.pid);
    const named = `${config.backupUrl}/backups/${incremental.done.key}`;
    let outcome: { code: number; err: string[] };
    if (kind === 'postgres') {
      restoreTarget = await createScratchDatabase(pgUrl);
      outcome = await restoreCommand(
        { ...config, dataDir: fs.mkdtempSync(path.join(dataDir, 'r-')) },
        named,
        {
          toDatabase: restoreTarget.url,
          force: false,
        },
      );
    } else {
      outcome = await restoreCommand(config, named, {
        toDataDir: path.join(dataDir, 'restored'),
        force: false,
      });
    }
    const restoreMs = performance.now() - started;
    const restoreRss = stop();
    if (outcome.code !== 0) throw new Error(`the restore failed: ${outcome.err.join(' ')}`);
    const bytes = (full.done.sizeBytes ?? 0) / MB;
    return {
      kind,
      patients,
      filesMb: count * 4,
      fullMs: full.ms,
      fullVerifyMs: full.done.verifyMs ?? 0,
      fullMbS: bytes / (full.ms / 1000),
      databaseMb: (full.done.databaseBytes ?? 0) / MB,
      incrementalMs: incremental.ms,
      incrementalVerifyMs: incremental.done.verifyMs ?? 0,
      restoreMs,
      peakRssMb: Math.max(full.rss, incremental.rss, restoreRss) / MB,
      baseRssMb: baseRss / MB,
    } satisfies BackupFigures;
  } finally {
    await app.close();
    await scratch?.drop();
    await restoreTarget?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
