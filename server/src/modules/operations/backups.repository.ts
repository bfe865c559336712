import type { BackupProgress } from '@carebase/contracts';
import { and, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { backups } from './backups.schema.ts';

export type BackupRow = typeof backups.$inferSelect;
export type NewBackupRow = typeof backups.$inferInsert;

export async function insertBackup(ex: Executor, row: NewBackupRow): Promise<BackupRow> {
  const [inserted] = await ex.insert(backups).values(row).returning();
  if (!inserted) throw new Error('the backup row was not written');
  return inserted;
}

export async function findBackup(ex: Executor, id: string): Promise<BackupRow | undefined> {
  return (await ex.select().from(backups).where(eq(backups.id, id)))[0];
}

export async function runningBackup(ex: Executor): Promise<BackupRow | undefined> {
  return (await ex.select().from(backups).where(eq(backups.status, 'running')))[0];
}

export async function listBackups(ex: Executor, limit = 100): Promise<BackupRow[]> {
  return ex.select().from(backups).orderBy(desc(backups.startedAt)).limit(limit);
}

/** A running backup whose instance stopped moving it on: its server died; it is failed, and kept as such. */
export async function failStaleBackups(ex: Executor, staleMs: number): Promise<BackupRow[]> {
  return ex
    .update(backups)
    .set({
      status: 'failed',
      finishedAt: sql`now()`,
      progress: null,
      error: 'the server stopped while the backup ran; it is incomplete and was never a backup',
    })
    .where(
      and(
        eq(backups.status, 'running'),
        lt(backups.heartbeatAt, sql`now() - make_interval(secs => ${staleMs / 1000})`),
      ),
    )
    .returning();
}

export async function recordProgress(ex: Executor, id: string, progress: BackupProgress): Promise<void> {
  await ex
    .update(backups)
    .set({ progress, heartbeatAt: sql`now()` })
    .where(and(eq(backups.id, id), eq(backups.status, 'running')));
}

export async function finishBackup(
  ex: Executor,
  id: string,
  patch: Partial<NewBackupRow>,
): Promise<BackupRow> {
  const [row] = await ex
    .update(backups)
    .set({ ...patch, progress: null, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(eq(backups.id, id))
    .returning();
  if (!row) throw new Error(`backup ${id} vanished`);
  return row;
}

/** Finished backups since a moment, for the success rate. */
export async function finishedSince(
  ex: Executor,
  since: Date,
): Promise<{ verified: number; failed: number }> {
  const rows = await ex
    .select({ status: backups.status, n: sql<number>`count(*)::int` })
    .from(backups)
    .where(and(gte(backups.startedAt, since), sql`${backups.status} <> 'running'`))
    .groupBy(backups.status);
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { verified: n('verified'), failed: n('failed') };
}

export async function lastVerifiedAt(ex: Executor): Promise<Date | null> {
  const [row] = await ex
    .select({ at: sql<Date | string | null>`max(${backups.verifiedAt})` })
    .from(backups)
    .where(and(eq(backups.status, 'verified'), isNull(backups.prunedAt)));
  return row?.at ? new Date(row.at) : null;
}

/** Backups still in the destination (not pruned), finished, of that destination. */
export async function unprunedBackups(ex: Executor, destination: string): Promise<BackupRow[]> {
  return ex
    .select()
    .from(backups)
    .where(
      and(
        eq(backups.destination, destination),
        isNull(backups.prunedAt),
        sql`${backups.status} <> 'running'`,
      ),
    );
}

export async function markPruned(ex: Executor, ids: string[]): Promise<void> {
  if (ids.length) await ex.update(backups).set({ prunedAt: sql`now()` }).where(inArray(backups.id, ids));
}

export async function latestStartedAt(ex: Executor): Promise<Date | null> {
  const [row] = await ex.select({ at: sql<Date | string | null>`max(${backups.startedAt})` }).from(backups);
  return row?.at ? new Date(row.at) : null;
}
