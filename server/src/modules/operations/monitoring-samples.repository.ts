import type { Sample, SampleRange } from '@carebase/contracts';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { monitoringSamples } from '../../platform/monitoring/monitoring.schema.ts';

export type SampleRow = typeof monitoringSamples.$inferSelect;
export type SampleFigures = Omit<SampleRow, 'resolution' | 'at'>;

/** Minutes are kept two days, hours 90 days. */
const KEEP = { minute: '2 days', hour: '90 days' } as const;

/** Stores the figures as this minute's sample (a later sample in the same minute replaces it). */
export async function saveMinuteSample(ex: Executor, at: Date, figures: SampleFigures): Promise<void> {
  const row = { resolution: 'minute' as const, at, ...figures };
  await ex
    .insert(monitoringSamples)
    .values(row)
    .onConflictDoUpdate({ target: [monitoringSamples.resolution, monitoringSamples.at], set: figures });
}

/**
 * Rolls the minutes of every finished hour since the last hourly row into hourly rows: averages, except
 * latency and event-loop delay (the worst minute) and the instance count (the most seen).
 */
export async function rollUpHours(ex: Executor): Promise<void> {
  await ex.execute(sql`
    INSERT INTO monitoring_samples
    SELECT 'hour', date_trunc('hour', at), max(instances_up), avg(requests_per_minute),
      coalesce(sum(requests_per_minute * error_rate) / nullif(sum(requests_per_minute), 0), 0),
      max(p95_ms), max(p99_ms), avg(cpu_percent), avg(rss_bytes)::bigint, max(event_loop_p99_ms),
      avg(websockets), avg(jobs_queued), avg(jobs_failed), avg(outbox_pending), avg(outbox_failed),
      avg(db_size_bytes)::bigint, avg(disk_free_bytes)::bigint, avg(disk_total_bytes)::bigint
    FROM monitoring_samples
    WHERE resolution = 'minute' AND at < date_trunc('hour', now())
      AND at >= coalesce(
        (SELECT max(at) + interval '1 hour' FROM monitoring_samples WHERE resolution = 'hour'),
        '-infinity')
    GROUP BY date_trunc('hour', at)
    ON CONFLICT (resolution, at) DO NOTHING`);
}

export async function pruneSamples(ex: Executor): Promise<void> {
  for (const [resolution, keep] of Object.entries(KEEP) as [keyof typeof KEEP, string][])
    await ex
      .delete(monitoringSamples)
      .where(
        and(
          eq(monitoringSamples.resolution, resolution),
          lt(monitoringSamples.at, sql`now() - ${keep}::interval`),
        ),
      );
}

export const RANGE_STEP_SECONDS: Record<SampleRange, number> = { hour: 60, day: 300, week: 3600 };

/** Points for a chart: the hour per minute, the day per five minutes (minutes averaged), the week per hour. */
export async function samplesFor(ex: Executor, range: SampleRange): Promise<SampleRow[]> {
  if (range === 'hour' || range === 'week') {
    const resolution = range === 'hour' ? 'minute' : 'hour';
    const since = range === 'hour' ? sql`now() - interval '1 hour'` : sql`now() - interval '7 days'`;
    return ex
      .select()
      .from(monitoringSamples)
      .where(and(eq(monitoringSamples.resolution, resolution), gte(monitoringSamples.at, since)))
      .orderBy(asc(monitoringSamples.at));
  }
  return queryRows<SampleRow>(
    ex,
    sql`SELECT 'minute' AS resolution, to_timestamp(floor(extract(epoch FROM at) / 300) * 300) AS at,
          max(instances_up)::int AS "instancesUp", avg(requests_per_minute)::real AS "requestsPerMinute",
          coalesce(sum(requests_per_minute * error_rate) / nullif(sum(requests_per_minute), 0), 0)::real AS "errorRate",
          max(p95_ms)::real AS "p95Ms", max(p99_ms)::real AS "p99Ms", avg(cpu_percent)::real AS "cpuPercent",
          avg(rss_bytes)::float8 AS "rssBytes", max(event_loop_p99_ms)::real AS "eventLoopP99Ms",
          avg(websockets)::real AS websockets, avg(jobs_queued)::real AS "jobsQueued",
          avg(jobs_failed)::real AS "jobsFailed", avg(outbox_pending)::real AS "outboxPending",
          avg(outbox_failed)::real AS "outboxFailed", avg(db_size_bytes)::float8 AS "dbSizeBytes",
          avg(disk_free_bytes)::float8 AS "diskFreeBytes", avg(disk_total_bytes)::float8 AS "diskTotalBytes"
        FROM monitoring_samples
        WHERE resolution = 'minute' AND at >= now() - interval '1 day'
        GROUP BY 2 ORDER BY 2`,
  );
}

/** Minute samples of the last `minutes`, oldest first: what the rate and latency rules judge. */
export function recentMinutes(ex: Executor, minutes: number): Promise<SampleRow[]> {
  return ex
    .select()
    .from(monitoringSamples)
    .where(
      and(
        eq(monitoringSamples.resolution, 'minute'),
        gte(monitoringSamples.at, sql`now() - make_interval(mins => ${minutes})`),
      ),
    )
    .orderBy(asc(monitoringSamples.at));
}

export function toSample(r: SampleRow): Sample {
  const { resolution: _, at, ...figures } = r;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...figures,
    at: new Date(at).toISOString(),
    rssBytes: Number(figures.rssBytes),
    dbSizeBytes: num(figures.dbSizeBytes),
    diskFreeBytes: num(figures.diskFreeBytes),
    diskTotalBytes: num(figures.diskTotalBytes),
  };
}
