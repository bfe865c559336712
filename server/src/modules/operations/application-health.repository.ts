import type { ApplicationHealth } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';

const iso = (at: Date | string | null | undefined): string | null => (at ? new Date(at).toISOString() : null);

/**
 * The durable job queue now. Done jobs are left out by the status filter, so the count reads the index on
 * (status, run_at) rather than every job ever run. A failed job has no time of failure of its own: it is
 * waiting for its retry, so it counts as failed in the last day, as in the sampler's figures.
 */
export async function jobQueueFigures(ex: Executor): Promise<ApplicationHealth['jobs']> {
  const [row] = await queryRows<{
    queued: number;
    running: number;
    failedLastDay: number;
    dead: number;
    oldestQueuedAt: Date | string | null;
  }>(
    ex,
    sql`SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
          count(*) FILTER (WHERE status = 'running')::int AS running,
          count(*) FILTER (WHERE status = 'failed'
            OR (status = 'dead' AND finished_at > now() - interval '1 day'))::int AS "failedLastDay",
          count(*) FILTER (WHERE status = 'dead')::int AS dead,
          min(run_at) FILTER (WHERE status = 'queued' AND run_at <= now()) AS "oldestQueuedAt"
        FROM jobs WHERE status IN ('queued', 'running', 'failed', 'dead')`,
  );
  return {
    queued: row?.queued ?? 0,
    running: row?.running ?? 0,
    failedLastDay: row?.failedLastDay ?? 0,
    dead: row?.dead ?? 0,
    oldestQueuedAt: iso(row?.oldestQueuedAt),
  };
}

/** Recurring jobs, and those whose last tick failed. */
export async function scheduleFigures(ex: Executor): Promise<ApplicationHealth['schedules']> {
  const rows = await queryRows<{ name: string; lastOutcome: string | null }>(
    ex,
    sql`SELECT name, last_outcome AS "lastOutcome" FROM job_schedules ORDER BY name`,
  );
  return { total: rows.length, failing: rows.filter((r) => r.lastOutcome === 'failed').map((r) => r.name) };
}

/** Messages not sent. A message keeps no time of failure: "failed in the last day" counts those created in it. */
export async function outboxFigures(ex: Executor): Promise<ApplicationHealth['outbox']> {
  const [row] = await queryRows<{
    pending: number;
    failedLastDay: number;
    held: number;
    oldestPendingAt: Date | string | null;
  }>(
    ex,
    sql`SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
          count(*) FILTER (WHERE status = 'failed' AND created_at > now() - interval '1 day')::int AS "failedLastDay",
          count(*) FILTER (WHERE status = 'held')::int AS held,
          min(created_at) FILTER (WHERE status = 'pending') AS "oldestPendingAt"
        FROM outbox_messages WHERE status IN ('pending', 'failed', 'held')`,
  );
  return {
    pending: row?.pending ?? 0,
    failedLastDay: row?.failedLastDay ?? 0,
    held: row?.held ?? 0,
    oldestPendingAt: iso(row?.oldestPendingAt),
  };
}

/** When a backup last failed (its end, or its start when it was cut off before one). */
export async function lastFailedBackupAt(ex: Executor): Promise<string | null> {
  const [row] = await queryRows<{ at: Date | string | null }>(
    ex,
    sql`SELECT max(coalesce(finished_at, started_at)) AS at FROM backups WHERE status = 'failed'`,
  );
  return iso(row?.at);
}
