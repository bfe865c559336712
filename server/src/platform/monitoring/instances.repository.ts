import { desc, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/database.ts';
import { GONE_AFTER_MS } from './instance-heartbeat.ts';
import { instances } from './monitoring.schema.ts';

export type InstanceRow = typeof instances.$inferSelect;

/** Reporting, and not said to have stopped. */
const isUp = sql`stopped_at IS NULL AND last_seen_at > now() - make_interval(secs => ${GONE_AFTER_MS / 1000})`;

/** Every instance seen in the last week, newest first; older rows are dropped on the way. */
export async function recentInstances(ex: Executor): Promise<InstanceRow[]> {
  await ex.delete(instances).where(lt(instances.lastSeenAt, sql`now() - interval '7 days'`));
  return ex.select().from(instances).orderBy(desc(instances.startedAt));
}

/** Instances that are not gone and did not say they stopped (none before the table exists). */
export async function runningInstances(ex: Executor): Promise<{ host: string; pid: number }[]> {
  const exists = await queryRows<{ t: string | null }>(
    ex,
    sql`SELECT to_regclass('public.instances')::text AS t`,
  );
  if (!exists[0]?.t) return [];
  return queryRows(ex, sql`SELECT host, pid FROM instances WHERE ${isUp}`);
}

/** The figures of the instances up that are summed over the system: WebSocket clients and requests per route. */
export function upInstanceFigures(ex: Executor): Promise<Pick<InstanceRow, 'websockets' | 'routes'>[]> {
  return ex
    .select({ websockets: instances.websockets, routes: instances.routes })
    .from(instances)
    .where(isUp);
}

export type InstanceTotals = {
  up: number;
  rpm: number;
  errors: number;
  p95: number | null;
  p99: number | null;
  cpu: number;
  rss: number;
  loop: number;
  ws: number;
};

/** The instances up, summed (requests, 5xx, CPU, memory, WebSockets) or at their worst (latency, event loop). */
export async function upInstanceTotals(ex: Executor): Promise<InstanceTotals> {
  const [row] = await queryRows<InstanceTotals>(
    ex,
    sql`SELECT count(*)::int AS up, coalesce(sum(requests_per_minute), 0)::int AS rpm,
          coalesce(sum(requests_per_minute * error_rate), 0)::float8 AS errors,
          max(p95_ms)::float8 AS p95, max(p99_ms)::float8 AS p99, coalesce(sum(cpu_percent), 0)::float8 AS cpu,
          coalesce(sum(rss_bytes), 0)::float8 AS rss, coalesce(max(event_loop_p99_ms), 0)::float8 AS loop,
          coalesce(sum(websockets), 0)::int AS ws
        FROM instances WHERE ${isUp}`,
  );
  return row ?? { up: 0, rpm: 0, errors: 0, p95: null, p99: null, cpu: 0, rss: 0, loop: 0, ws: 0 };
}
