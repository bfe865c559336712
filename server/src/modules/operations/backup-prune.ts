import path from 'node:path';
import type { Executor } from '../../platform/db/database.ts';
import { walBefore, walFileOf } from '../../platform/db/wal-segments.ts';
import type { BlobBackend } from '../../platform/files/blob-backend.ts';
import { fileKey } from './backup-manifest.ts';
import { backupsToKeep, type Retention } from './backup-retention.ts';
import { openManifest } from './backup-verify.ts';
import * as repo from './backups.repository.ts';

export type PruneReport = { backupsRemoved: number; filesRemoved: number; walRemoved: number };

async function removeFolder(dest: BlobBackend, prefix: string): Promise<void> {
  for await (const o of dest.list(prefix)) await dest.remove(o.key);
}

/**
 * Applies retention to one destination, while the backup that calls it still holds the one-running lock (so no
 * other backup is writing files): removes the backups retention does not keep and every failed one's pieces,
 * then every file no kept manifest names.
 */
export async function pruneBackups(
  db: Executor,
  dest: BlobBackend,
  options: { retention: Retention; timeZone: string; encryptionKey: Buffer | null; current: repo.BackupRow },
): Promise<PruneReport> {
  const { current } = options;
  const rows = [...(await repo.unprunedBackups(db, dest.location)), current];
  const verified = rows.filter((r) => r.status === 'verified' || r.id === current.id);
  const keep = backupsToKeep(verified, options.retention, options.timeZone);
  keep.add(current.id);
  const drop = rows.filter((r) => !keep.has(r.id));
  for (const r of drop) await removeFolder(dest, `backups/${r.key}`);
  await repo.markPruned(
    db,
    drop.map((r) => r.id),
  );

  const named = new Set<string>();
  let oldestWal: string | undefined;
  for (const r of rows.filter((row) => keep.has(row.id))) {
    const manifest = await openManifest(dest, r.key, options.encryptionKey).catch(() => null);
    // A kept backup whose manifest cannot be read here (another key) keeps every file: nothing is guessed away.
    if (!manifest) return { backupsRemoved: drop.length, filesRemoved: 0, walRemoved: 0 };
    const fingerprint = manifest.encryption?.keyFingerprint ?? null;
    for (const f of manifest.files) named.add(fileKey(f.sha256, fingerprint));
    const first = manifest.baseBackup?.firstWal;
    if (first && (!oldestWal || walBefore(first, oldestWal))) oldestWal = first;
  }
  let filesRemoved = 0;
  for await (const o of dest.list()) {
    if (!/^files(-[0-9a-f]+)?\//.test(o.key) || named.has(o.key)) continue;
    await dest.remove(o.key);
    filesRemoved++;
  }
  return {
    backupsRemoved: drop.length,
    filesRemoved,
    walRemoved: oldestWal ? await pruneWal(dest, oldestWal) : 0,
  };
}

/** Removes the archived WAL older than the oldest kept base backup: no replay can start before it. */
async function pruneWal(dest: BlobBackend, oldest: string): Promise<number> {
  let removed = 0;
  for await (const o of dest.list('wal')) {
    const wal = walFileOf(path.posix.basename(o.key));
    if (!wal || !walBefore(wal.segment, oldest)) continue;
    await dest.remove(o.key);
    removed++;
  }
  return removed;
}
