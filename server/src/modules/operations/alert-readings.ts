import type { AlertRuleKey } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { queryRows } from '../../platform/db/database.ts';
import { diskSpace } from '../../platform/monitoring/disk-space.ts';
import { GONE_AFTER_MS } from '../../platform/monitoring/instance-heartbeat.ts';
import { recentMinutes } from './monitoring-samples.repository.ts';
import { walArchiveStatus } from './wal-archive-status.ts';

/**
 * What one evaluation found for one subject of a rule: its value, whether it crossed the threshold (fire), and
 * whether it is back well on the safe side (a firing alert resolves after a few such readings in a row). Between
 * the two is a band that neither fires nor resolves, so a value hovering at the threshold does not flap.
 */
export type Reading = { subject: string; value: number | null; breached: boolean; clear: boolean };

/** Fewer requests than this in the five minutes are too few to judge an error rate or a p99 by. */
export const MIN_REQUESTS = 20;

type Measure = (ctx: AppContext, threshold: number) => Promise<Reading[]>;

/** How far back past the threshold a value must come to count as clear (a fifth of the threshold). */
const MARGIN = 0.2;

const above = (value: number | null, threshold: number, judged = true): Reading[] => [
  {
    subject: '',
    value,
    breached: judged && value !== null && value > threshold,
    clear: !judged || value === null || value <= threshold * (1 - MARGIN),
  },
];
const atLeast = (count: number, threshold: number): Reading[] => [
  { subject: '', value: count, breached: count >= threshold, clear: count < threshold * (1 - MARGIN) },
];

const scalar = async (ctx: AppContext, query: ReturnType<typeof sql>): Promise<number | null> => {
  const [row] = await queryRows<{ v: number | string | null }>(ctx.db, query);
  return row?.v === null || row?.v === undefined ? null : Number(row.v);
};

/** The last five minutes of requests, weighted by how many each minute had. */
async function lastFiveMinutes(ctx: AppContext) {
  const minutes = await recentMinutes(ctx.db, 5);
  const requests = minutes.reduce((sum, m) => sum + m.requestsPerMinute, 0);
  const weighted = (pick: (m: (typeof minutes)[number]) => number | null) =>
    requests ? minutes.reduce((sum, m) => sum + (pick(m) ?? 0) * m.requestsPerMinute, 0) / requests : null;
  return { requests, errorPercent: weighted((m) => m.errorRate * 100), p99Ms: weighted((m) => m.p99Ms) };
}

export const MEASURES: Record<AlertRuleKey, Measure> = {
  async backup_stale(ctx, threshold) {
    const hours = await scalar(
      ctx,
      sql`SELECT extract(epoch FROM now() - max(verified_at)) / 3600 AS v FROM backups WHERE status = 'verified'`,
    );
    // No verified backup at all is as stale as it gets.
    return [
      {
        subject: '',
        value: hours,
        breached: hours === null || hours > threshold,
        clear: hours !== null && hours <= threshold * (1 - MARGIN),
      },
    ];
  },
  async disk_low(ctx, threshold) {
    const disk = await diskSpace(ctx.config.dataDir);
    const free = disk?.totalBytes ? (disk.freeBytes / disk.totalBytes) * 100 : null;
    return [
      {
        subject: '',
        value: free,
        breached: free !== null && free < threshold,
        clear: free === null || free >= threshold * (1 + MARGIN),
      },
    ];
  },
  async error_rate(ctx, threshold) {
    const { requests, errorPercent } = await lastFiveMinutes(ctx);
    return above(errorPercent, threshold, requests >= MIN_REQUESTS);
  },
  async latency_p99(ctx, threshold) {
    const { requests, p99Ms } = await lastFiveMinutes(ctx);
    return above(p99Ms, threshold, requests >= MIN_REQUESTS);
  },
  async job_failures(ctx, threshold) {
    const count = await scalar(
      ctx,
      sql`SELECT (SELECT count(*) FROM jobs WHERE status = 'failed'
                    OR (status = 'dead' AND finished_at > now() - interval '15 minutes'))
               + (SELECT count(*) FROM job_schedules WHERE last_outcome = 'failed'
                    AND last_finished_at > now() - interval '15 minutes') AS v`,
    );
    return atLeast(count ?? 0, threshold);
  },
  async outbox_failures(ctx, threshold) {
    const count = await scalar(
      ctx,
      sql`SELECT count(*) AS v FROM outbox_messages
          WHERE status = 'failed' AND created_at > now() - interval '1 day'`,
    );
    return atLeast(count ?? 0, threshold);
  },
  async instance_gone(ctx) {
    // A host is in trouble while an instance there went silent and none has started there since.
    const rows = await queryRows<{ host: string; gone: number }>(
      ctx.db,
      sql`SELECT g.host, count(*)::int AS gone FROM instances g
          WHERE g.stopped_at IS NULL
            AND g.last_seen_at < now() - make_interval(secs => ${GONE_AFTER_MS / 1000})
            AND NOT EXISTS (SELECT 1 FROM instances n WHERE n.host = g.host AND n.started_at > g.last_seen_at)
          GROUP BY g.host`,
    );
    return rows.map((r) => ({ subject: r.host, value: r.gone, breached: true, clear: false }));
  },
  async certificate_queue(ctx, threshold) {
    const hours = await scalar(
      ctx,
      sql`SELECT extract(epoch FROM now() - min(submitted_at)) / 3600 AS v FROM certificates
          WHERE status = 'submitted'`,
    );
    return above(hours, threshold);
  },
  async wal_archive(ctx, threshold) {
    const status = await walArchiveStatus(ctx);
    if (!status) return [];
    // Not receiving is measured as no value: nothing is arriving to be behind by.
    const behindMb = status.receiving && status.lagBytes !== null ? status.lagBytes / 1024 / 1024 : null;
    return [
      {
        subject: '',
        value: behindMb,
        breached: behindMb === null || behindMb > threshold,
        clear: behindMb !== null && behindMb <= threshold * (1 - MARGIN),
      },
    ];
  },
};
