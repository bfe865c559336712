import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { startHeartbeat } from '../../platform/monitoring/instance-heartbeat.ts';
import { createRequestWindow } from '../../platform/monitoring/request-window.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { takeSample } from './monitoring-sampler.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

const samples = async (range: string) => {
  const res = await t.request({
    method: 'GET',
    url: `/api/monitoring/samples?range=${range}`,
    cookie: admin.cookie,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { stepSeconds: number; points: Record<string, number | string | null>[] };
};
/** A minute sample at `at` (SQL) with this request rate and p99. */
const minuteAt = (at: ReturnType<typeof sql>, rpm: number, p99: number) =>
  t.app.ctx.db.execute(sql`INSERT INTO monitoring_samples (resolution, at, instances_up, requests_per_minute,
      error_rate, p99_ms, cpu_percent, rss_bytes, event_loop_p99_ms, websockets, jobs_queued, jobs_failed,
      outbox_pending, outbox_failed)
    VALUES ('minute', ${at}, 1, ${rpm}, 0.5, ${p99},
      10, 1000, 1, 2, 0, 0, 0, 0)`);

describe('monitoring samples', () => {
  it('a sample sums the instances up and counts the backlog, the database and the disk', async () => {
    const requests = createRequestWindow();
    for (let i = 0; i < 30; i++) requests.observe(200, 5);
    const beat = startHeartbeat({
      db: t.app.ctx.db,
      log: t.app.log,
      requests,
      websockets: () => 4,
      intervalMs: 60_000,
    });
    await beat.beat();
    await t.app.ctx.jobs.enqueue(t.app.ctx.db, 'nothing.to.do', {});
    await takeSample(t.app.ctx);
    await beat.stop();
    const { stepSeconds, points } = await samples('hour');
    expect(stepSeconds).toBe(60);
    const last = points.at(-1);
    expect(last).toMatchObject({ instancesUp: 1, requestsPerMinute: 30, websockets: 4, errorRate: 0 });
    expect(Number(last?.jobsQueued)).toBeGreaterThanOrEqual(1);
    expect(Number(last?.dbSizeBytes)).toBeGreaterThan(0);
    expect(Number(last?.diskTotalBytes)).toBeGreaterThan(Number(last?.diskFreeBytes));
  });

  it('finished hours roll up (request-weighted error rate, worst p99); the day is in 5-minute points', async () => {
    await minuteAt(sql`date_trunc('hour', now()) - interval '3 hours'`, 10, 100);
    await minuteAt(sql`date_trunc('hour', now()) - interval '3 hours' + interval '1 minute'`, 30, 300);
    await takeSample(t.app.ctx);
    const week = await samples('week');
    expect(week.stepSeconds).toBe(3600);
    const hour = week.points.find((p) => Number(p.requestsPerMinute) === 20);
    expect(hour).toMatchObject({ p99Ms: 300, errorRate: 0.5 });
    const day = await samples('day');
    expect(day.stepSeconds).toBe(300);
    const bucket = day.points.find((p) => Number(p.requestsPerMinute) === 20);
    expect(bucket?.p99Ms).toBe(300);
  });

  it('minutes are dropped after two days, hours after 90 days', async () => {
    await minuteAt(sql`now() - interval '3 days'`, 1, 1);
    await t.app.ctx.db.execute(sql`INSERT INTO monitoring_samples SELECT 'hour', at - interval '100 days',
      instances_up, requests_per_minute, error_rate, p95_ms, p99_ms, cpu_percent, rss_bytes, event_loop_p99_ms,
      websockets, jobs_queued, jobs_failed, outbox_pending, outbox_failed, db_size_bytes, disk_free_bytes,
      disk_total_bytes FROM monitoring_samples WHERE resolution = 'minute' LIMIT 1`);
    await takeSample(t.app.ctx);
    const [old] = await queryRows<{ n: number }>(
      t.app.ctx.db,
      sql`SELECT count(*)::int AS n FROM monitoring_samples
          WHERE (resolution = 'minute' AND at < now() - interval '2 days')
             OR (resolution = 'hour' AND at < now() - interval '90 days')`,
    );
    expect(old?.n).toBe(0);
  });

  it('refuses an unknown range, naming it', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/monitoring/samples?range=year',
      cookie: admin.cookie,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/range/);
  });
});
