import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { CLEAR_READINGS, evaluateAlerts } from './alert-evaluation.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

const exec = (q: ReturnType<typeof sql>) => t.app.ctx.db.execute(q);
const evaluate = () => evaluateAlerts(t.app.ctx);
const get = async (url: string, cookie = admin.cookie) => {
  const res = await t.request({ method: 'GET', url, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
type Listed = {
  rule: string;
  subject: string;
  status: string;
  value: number | null;
  notifiedAt: string | null;
};
const alertsOf = async (rule: string): Promise<Listed[]> =>
  (await get('/api/monitoring/alerts?pageSize=200')).items.filter((a: Listed) => a.rule === rule);
const mailsAbout = (words: string) =>
  queryRows<{ to: string; subject: string; body: string }>(
    t.app.ctx.db,
    sql`SELECT "to", subject, body FROM outbox_messages WHERE subject LIKE ${`%${words}%`} ORDER BY created_at`,
  );
const verifiedBackupAgo = (hours: number) =>
  exec(sql`INSERT INTO backups (id, status, trigger, destination, key, encrypted, started_at, verified_at)
           VALUES (${randomUUID()}, 'verified', 'manual', 'here', ${randomUUID()}, false,
                   now() - make_interval(hours => ${hours}), now() - make_interval(hours => ${hours}))`);

beforeEach(async () => {
  await exec(sql`DELETE FROM backups`);
  await exec(sql`DELETE FROM alerts`);
  await exec(sql`DELETE FROM alert_rules`);
});

describe('alert rules', () => {
  it('ship with defaults; an administrator changes a threshold (audited), bad input is refused by field', async () => {
    const { items } = await get('/api/monitoring/alert-rules');
    expect(items).toHaveLength(9);
    expect(items.find((r: { key: string }) => r.key === 'backup_stale')).toMatchObject({
      enabled: true,
      threshold: 26,
      defaultThreshold: 26,
      unit: 'hours',
      updatedAt: null,
    });
    const put = (payload: unknown, url = '/api/monitoring/alert-rules/latency_p99', cookie = admin.cookie) =>
      t.request({ method: 'PUT', url, cookie, payload: payload as object });
    const saved = await put({ threshold: 2000 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ key: 'latency_p99', threshold: 2000, enabled: true });
    expect((await put({ threshold: -1 })).body).toMatch(/threshold/);
    expect((await put({ threshold: -1 })).statusCode).toBe(400);
    expect((await put({})).statusCode).toBe(400);
    expect((await put({ threshold: 5 }, '/api/monitoring/alert-rules/nonsense')).body).toMatch(/key/);
    const doctor = await t.userWithRoles(['doctor']);
    expect((await put({ enabled: false }, undefined, doctor.cookie)).statusCode).toBe(403);
    const [audit] = await queryRows<{ details: { after: { threshold: number } } }>(
      t.app.ctx.db,
      sql`SELECT details FROM audit_events WHERE action = 'alert_rule.update' AND resource_id = 'latency_p99'`,
    );
    expect(audit?.details.after.threshold).toBe(2000);
  });
});

describe('a stale backup', () => {
  it('fires once, emails the administrators once, and resolves only after clear readings in a row', async () => {
    await evaluate();
    const [fired] = await alertsOf('backup_stale');
    expect(fired).toMatchObject({ status: 'firing', value: null });
    expect(fired?.notifiedAt).not.toBeNull();
    await evaluate();
    await evaluate();
    expect(await alertsOf('backup_stale')).toHaveLength(1);
    const mails = await mailsAbout('There is no verified backup');
    expect(mails.map((m) => m.to)).toEqual([admin.email]);
    expect(mails[0]?.body).toContain('http://localhost:8080/monitoring?tab=alerts');

    // 24 h old: under the 26 h limit but not well under it, so the alert holds (no flapping at the edge).
    await verifiedBackupAgo(24);
    for (let i = 0; i < CLEAR_READINGS + 2; i++) await evaluate();
    expect((await alertsOf('backup_stale'))[0]?.status).toBe('firing');

    await verifiedBackupAgo(0);
    for (let i = 0; i < CLEAR_READINGS - 1; i++) await evaluate();
    expect((await alertsOf('backup_stale'))[0]?.status).toBe('firing');
    await evaluate();
    const [resolved] = await alertsOf('backup_stale');
    expect(resolved?.status).toBe('resolved');
    expect((await mailsAbout('Resolved')).length).toBeGreaterThanOrEqual(1);
    const firing = await get('/api/monitoring/alerts?status=firing');
    expect(firing.items.some((a: Listed) => a.rule === 'backup_stale')).toBe(false);
  });

  it('fires again as a new alert when the backups stop again; a rule switched off resolves its alert', async () => {
    await verifiedBackupAgo(40);
    await evaluate();
    expect((await alertsOf('backup_stale'))[0]).toMatchObject({ status: 'firing' });
    expect((await alertsOf('backup_stale'))[0]?.value).toBeCloseTo(40, 0);
    const off = await t.request({
      method: 'PUT',
      url: '/api/monitoring/alert-rules/backup_stale',
      cookie: admin.cookie,
      payload: { enabled: false },
    });
    expect(off.statusCode).toBe(200);
    await evaluate();
    const [resolved] = await alertsOf('backup_stale');
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.value, 'the history keeps what the alert was about').toBeCloseTo(40, 0);
  });
});

describe('other rules', () => {
  it('an instance gone fires for its host and resolves once a new instance starts there', async () => {
    const row = (host: string, startedAgo: string, seenAgo: string) =>
      exec(sql`INSERT INTO instances (id, host, pid, version, started_at, last_seen_at, cpu_percent, rss_bytes,
                 heap_bytes, event_loop_p99_ms, websockets, requests_per_minute, error_rate)
               VALUES (${randomUUID()}, ${host}, 1, 'test', now() - ${startedAgo}::interval,
                 now() - ${seenAgo}::interval, 0, 0, 0, 0, 0, 0, 0)`);
    await row('ward-a', '1 hour', '2 minutes');
    await evaluate();
    expect(await alertsOf('instance_gone')).toMatchObject([
      { subject: 'ward-a', status: 'firing', value: 1 },
    ]);
    expect(await mailsAbout('ward-a')).toHaveLength(1);
    await row('ward-a', '30 seconds', '1 second');
    for (let i = 0; i < CLEAR_READINGS; i++) await evaluate();
    expect(await alertsOf('instance_gone')).toMatchObject([{ subject: 'ward-a', status: 'resolved' }]);
  });

  it('an error rate fires over enough requests only', async () => {
    const minute = (ago: number, rpm: number, errorRate: number) =>
      exec(sql`INSERT INTO monitoring_samples (resolution, at, instances_up, requests_per_minute, error_rate,
                 cpu_percent, rss_bytes, event_loop_p99_ms, websockets, jobs_queued, jobs_failed, outbox_pending,
                 outbox_failed)
               VALUES ('minute', date_trunc('minute', now()) - make_interval(mins => ${ago}), 1, ${rpm},
                 ${errorRate}, 0, 0, 0, 0, 0, 0, 0, 0)
               ON CONFLICT (resolution, at) DO UPDATE SET requests_per_minute = excluded.requests_per_minute,
                 error_rate = excluded.error_rate`);
    await exec(sql`DELETE FROM monitoring_samples`);
    await minute(1, 3, 1);
    await evaluate();
    expect(await alertsOf('error_rate')).toHaveLength(0);
    await minute(2, 200, 0.05);
    await evaluate();
    const [alert] = await alertsOf('error_rate');
    expect(alert?.status).toBe('firing');
    expect(alert?.value).toBeGreaterThan(1);
    await exec(sql`DELETE FROM monitoring_samples`);
  });

  it('failed jobs, failed messages, a slow p99, low disk and a waiting certificate each fire', async () => {
    await exec(sql`INSERT INTO jobs (kind, status, finished_at) VALUES ('broken.thing', 'dead', now())`);
    await exec(sql`INSERT INTO outbox_messages (channel, "to", body, status)
                   VALUES ('email', 'nobody@example.org', 'hello', 'failed')`);
    await exec(sql`DELETE FROM monitoring_samples`);
    await exec(sql`INSERT INTO monitoring_samples (resolution, at, instances_up, requests_per_minute, error_rate,
                     p99_ms, cpu_percent, rss_bytes, event_loop_p99_ms, websockets, jobs_queued, jobs_failed,
                     outbox_pending, outbox_failed)
                   VALUES ('minute', date_trunc('minute', now()), 1, 100, 0, 2500, 0, 0, 0, 0, 0, 0, 0, 0)`);
    const [patient] = await queryRows<{ id: string }>(
      t.app.ctx.db,
      sql`INSERT INTO patients (mrn, given_name, family_name, search_name, sex, birth_date)
          VALUES (${`T-${randomUUID().slice(0, 8)}`}, 'Ana', 'Ruiz', 'ana ruiz', 'female', '1990-01-01')
          RETURNING id`,
    );
    await exec(sql`INSERT INTO certificates (patient_id, type, findings, status, submitted_at)
                   VALUES (${patient?.id}, 'sick_leave', 'Flu.', 'submitted', now() - interval '30 hours')`);
    await t.request({
      method: 'PUT',
      url: '/api/monitoring/alert-rules/disk_low',
      cookie: admin.cookie,
      payload: { threshold: 100 },
    });
    await evaluate();
    const firing = (await get('/api/monitoring/alerts?status=firing&pageSize=50')).items as Listed[];
    const byRule = new Map(firing.map((a) => [a.rule, a]));
    expect(byRule.get('job_failures')?.value).toBeGreaterThanOrEqual(1);
    expect(byRule.get('outbox_failures')?.value).toBe(1);
    expect(byRule.get('latency_p99')?.value).toBe(2500);
    expect(byRule.get('disk_low')?.value).toBeLessThan(100);
    expect(byRule.get('certificate_queue')?.value).toBeCloseTo(30, 0);
    await exec(sql`DELETE FROM monitoring_samples`);
  });

  it('two evaluations at once open one alert', async () => {
    await Promise.all([evaluate(), evaluate(), evaluate()]);
    expect(await alertsOf('backup_stale')).toHaveLength(1);
  });

  it('alerts are for those who may read metrics', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const res = await t.request({ method: 'GET', url: '/api/monitoring/alerts', cookie: doctor.cookie });
    expect(res.statusCode).toBe(403);
    expect(
      (await t.request({ method: 'GET', url: '/api/monitoring/alerts?status=burning', cookie: admin.cookie }))
        .body,
    ).toMatch(/status/);
  });
});
