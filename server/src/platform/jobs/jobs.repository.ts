import { and, asc, count, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/database.ts';
import { jobs } from './jobs.schema.ts';

export type JobRow = typeof jobs.$inferSelect;

export async function insertJob(db: Executor, row: typeof jobs.$inferInsert): Promise<JobRow | undefined> {
  if (row.uniqueKey) {
    const [open] = await db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.uniqueKey, row.uniqueKey), inArray(jobs.status, ['queued', 'running', 'failed'])));
    if (open) return undefined;
  }
  const [created] = await db.insert(jobs).values(row).returning();
  return created;
}

/**
 * Claims up to `limit` due jobs. FOR UPDATE SKIP LOCKED lets several instances poll the same table
 * without taking the same job; a job whose worker died is taken again once its lock is older than `staleMs`.
 */
export async function claimDueJobs(
  db: Executor,
  workerId: string,
  kinds: string[],
  limit: number,
  staleMs: number,
) {
  if (kinds.length === 0) return [];
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const claimed = await queryRows<{ id: string }>(
    db,
    sql`
    update jobs set status = 'running', locked_at = now(), locked_by = ${workerId}, attempts = attempts + 1
    where id in (
      select id from jobs
      where kind in (${kindList}) and run_at <= now()
        and (status in ('queued', 'failed')
             or (status = 'running' and locked_at < now() - make_interval(secs => ${staleMs / 1000})))
      order by run_at
      limit ${limit}
      for update skip locked
    )
    returning id`,
  );
  const ids = claimed.map((r) => r.id);
  if (ids.length === 0) return [];
  return db.select().from(jobs).where(inArray(jobs.id, ids));
}

export async function finishJob(db: Executor, id: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', finishedAt: new Date(), lockedAt: null, lockedBy: null, lastError: null })
    .where(eq(jobs.id, id));
}

export async function failJob(db: Executor, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(jobs)
    .set(
      retryAt
        ? { status: 'failed', runAt: retryAt, lastError: error, lockedAt: null, lockedBy: null }
        : { status: 'dead', finishedAt: new Date(), lastError: error, lockedAt: null, lockedBy: null },
    )
    .where(eq(jobs.id, id));
}

export async function retryJob(db: Executor, id: string): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({
      status: 'queued',
      runAt: new Date(),
      finishedAt: null,
      // A dead job gets one more try; a failed one runs now and keeps the attempts it had left.
      maxAttempts: sql`greatest(${jobs.maxAttempts}, ${jobs.attempts} + 1)`,
    })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ['failed', 'dead'])))
    .returning();
  return row;
}

export async function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

export async function listJobs(
  db: Executor,
  f: { status?: JobRow['status'] | undefined; kind?: string | undefined; page: number; pageSize: number },
) {
  const where: SQL[] = [];
  if (f.status) where.push(eq(jobs.status, f.status));
  if (f.kind) where.push(eq(jobs.kind, f.kind));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(jobs)
    .where(cond)
    // Failures first: they need someone; finished runs are history.
    .orderBy(
      sql`case when ${jobs.status} in ('failed', 'dead') then 0 else 1 end`,
      desc(jobs.createdAt),
      asc(jobs.id),
    )
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: count() }).from(jobs).where(cond);
  return { rows, total: total?.n ?? 0 };
}

export async function jobCounts(db: Executor): Promise<Record<string, number>> {
  const rows = await db.select({ status: jobs.status, n: count() }).from(jobs).groupBy(jobs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function dueQueuedCount(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(jobs)
    .where(and(inArray(jobs.status, ['queued', 'failed']), lte(jobs.runAt, new Date())));
  return row?.n ?? 0;
}
