import { EVENT_TYPES } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { queryRows } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { databaseSize } from '../../platform/monitoring/database-size.ts';
import { diskSpace } from '../../platform/monitoring/disk-space.ts';
import { upInstanceTotals } from '../../platform/monitoring/instances.repository.ts';
import {
  pruneSamples,
  rollUpHours,
  type SampleFigures,
  saveMinuteSample,
} from './monitoring-samples.repository.ts';

async function backlog(ctx: AppContext) {
  const [row] = await queryRows<{ queued: number; failed: number; pending: number; outFailed: number }>(
    ctx.db,
    sql`SELECT
          (SELECT count(*) FROM jobs WHERE status IN ('queued', 'running'))::int AS queued,
          (SELECT count(*) FROM jobs WHERE status = 'failed'
             OR (status = 'dead' AND finished_at > now() - interval '1 day'))::int AS failed,
          (SELECT count(*) FROM outbox_messages WHERE status IN ('pending', 'held'))::int AS pending,
          (SELECT count(*) FROM outbox_messages WHERE status = 'failed')::int AS "outFailed"`,
  );
  return row ?? { queued: 0, failed: 0, pending: 0, outFailed: 0 };
}

export async function measureSystem(ctx: AppContext): Promise<SampleFigures> {
  const [totals, work, dbSize, disk] = await Promise.all([
    upInstanceTotals(ctx.db),
    backlog(ctx),
    databaseSize(ctx.db),
    diskSpace(ctx.config.dataDir),
  ]);
  return {
    instancesUp: totals.up,
    requestsPerMinute: totals.rpm,
    errorRate: totals.rpm ? totals.errors / totals.rpm : 0,
    p95Ms: totals.p95,
    p99Ms: totals.p99,
    cpuPercent: totals.cpu,
    rssBytes: Math.round(totals.rss),
    eventLoopP99Ms: totals.loop,
    websockets: totals.ws,
    jobsQueued: work.queued,
    jobsFailed: work.failed,
    outboxPending: work.pending,
    outboxFailed: work.outFailed,
    dbSizeBytes: dbSize,
    diskFreeBytes: disk?.freeBytes ?? null,
    diskTotalBytes: disk?.totalBytes ?? null,
  };
}

/** Takes this minute's sample, rolls finished hours up, drops what is past its keeping, and tells dashboards. */
export async function takeSample(ctx: AppContext, now = new Date()): Promise<SampleFigures> {
  const figures = await measureSystem(ctx);
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  await saveMinuteSample(ctx.db, minute, figures);
  await rollUpHours(ctx.db);
  await pruneSamples(ctx.db);
  await publishEvent(ctx.db, { type: EVENT_TYPES.monitoringSampled, permission: 'metrics:read' });
  return figures;
}
