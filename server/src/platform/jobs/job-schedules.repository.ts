import { asc, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/database.ts';
import { jobSchedules } from './job-schedules.schema.ts';

export type ScheduleRow = typeof jobSchedules.$inferSelect;

/** Creates the schedule (due now) or updates its interval; the times of an existing one are kept. */
export async function upsertSchedule(db: Executor, name: string, intervalMs: number): Promise<void> {
  await db
    .insert(jobSchedules)
    .values({ name, intervalMs })
    .onConflictDoUpdate({
      target: jobSchedules.name,
      set: { intervalMs },
      setWhere: sql`${jobSchedules.intervalMs} <> ${intervalMs}`,
    });
}

/**
 * Claims the due schedules among `names` for one tick each. The row lock (SKIP LOCKED) and `locked_at`
 * keep two instances from running the same tick; a tick whose instance died is claimed again after `staleMs`.
 * All times come from the database clock, so instances with clocks apart agree.
 */
export async function claimDueSchedules(
  db: Executor,
  workerId: string,
  names: string[],
  staleMs: number,
): Promise<string[]> {
  if (names.length === 0) return [];
  const nameList = sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  );
  const rows = await queryRows<{ name: string }>(
    db,
    sql`
    update job_schedules set locked_at = now(), locked_by = ${workerId}, last_run_at = now()
    where name in (
      select name from job_schedules
      where name in (${nameList}) and next_run_at <= now()
        and (locked_at is null or locked_at < now() - make_interval(secs => ${staleMs / 1000}))
      order by next_run_at
      for update skip locked
    )
    returning name`,
  );
  return rows.map((r) => r.name);
}

/** Records a tick's outcome and plans the next one, one interval after this tick started. */
export async function finishTick(
  db: Executor,
  name: string,
  workerId: string,
  error: string | null,
): Promise<void> {
  await db.execute(sql`
    update job_schedules set
      locked_at = null, locked_by = null, last_finished_at = now(),
      last_outcome = ${error === null ? 'ok' : 'failed'}, last_error = ${error},
      next_run_at = greatest(now(), last_run_at + make_interval(secs => interval_ms / 1000.0))
    where name = ${name} and locked_by = ${workerId}`);
}

export async function listSchedules(db: Executor): Promise<ScheduleRow[]> {
  return db.select().from(jobSchedules).orderBy(asc(jobSchedules.name));
}
