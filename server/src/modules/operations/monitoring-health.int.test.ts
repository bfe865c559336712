import { randomUUID } from 'node:crypto';
import type { Activity, ApplicationHealth, DatabaseHealth } from '@carebase/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeartbeat } from '../../platform/monitoring/instance-heartbeat.ts';
import { NO_ROUTE } from '../../platform/monitoring/request-window.ts';
import { outboxMessages } from '../../platform/outbox/outbox.schema.ts';
import { createTestApp, PASSWORD, type TestApp, type TestUser } from '../../test/test-app.ts';
import { onPostgres } from '../../test/test-database.ts';
import { registerPatient } from '../patients/patient-test-fixtures.ts';
import { insertBackup } from './backups.repository.ts';

let t: TestApp;
let admin: TestUser;
let clerk: TestUser;
let nurse: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  [admin, clerk, nurse] = await Promise.all([
    t.userWithRoles(['admin']),
    t.userWithRoles(['receptionist']),
    t.userWithRoles(['nurse']),
  ]);
});
afterAll(async () => t?.close());

const get = async <T>(url: string, cookie = admin.cookie): Promise<T> => {
  const res = await t.request({ method: 'GET', url, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('monitoring health', () => {
  it('is for holders of metrics:read only', async () => {
    for (const url of ['/api/monitoring/database', '/api/monitoring/application', '/api/monitoring/activity'])
      expect((await t.request({ method: 'GET', url, cookie: nurse.cookie })).statusCode, url).toBe(403);
  });

  it('tells the database’s health, and what this engine cannot tell', async () => {
    const h = await get<DatabaseHealth>('/api/monitoring/database');
    expect(h.engine).toBe(onPostgres ? 'postgres' : 'pglite');
    expect(h.version).toMatch(/^PostgreSQL \d+/);
    expect(h.sizeBytes).toBeGreaterThan(0);
    expect(h.largestTables.length).toBeGreaterThan(0);
    expect(h.largestTables.length).toBeLessThanOrEqual(10);
    expect(h.migrations.applied).toBe(h.migrations.known);
    expect(h.migrations.known).toBeGreaterThan(0);
    expect(h.cacheHitRatio).toBeGreaterThan(0);
    expect(h.cacheHitRatio).toBeLessThanOrEqual(1);
    const unavailable = new Map(h.unavailable.map((u) => [u.item, u.reason]));
    if (!onPostgres) {
      // Rows are counted on PGlite: the users made above are there.
      expect(h.largestTables.find((x) => x.name === 'users')?.rows ?? 3).toBeGreaterThanOrEqual(3);
      expect(h).toMatchObject({
        connections: null,
        maxConnections: null,
        longQueries: null,
        slowStatements: null,
      });
      for (const item of ['connections', 'longQueries', 'slowStatements'])
        expect(unavailable.get(item), item).toMatch(/embedded database/);
      return;
    }
    expect(h.connections?.some((c) => c.state === 'active' && c.count >= 1)).toBe(true);
    expect(h.maxConnections).toBeGreaterThan(0);
    expect(h.longQueries).toEqual([]);
    expect(h.slowStatements).toBeNull();
    expect(unavailable.get('slowStatements')).toMatch(/shared_preload_libraries.*CREATE EXTENSION/);
  });

  it.runIf(onPostgres)(
    'lists a session waiting on a lock with its blocker, and survives a broken part',
    async () => {
      const url = t.config.databaseUrl as string;
      const [holder, waiter] = [
        new pg.Client({ connectionString: url }),
        new pg.Client({ connectionString: url }),
      ];
      await Promise.all([holder.connect(), waiter.connect()]);
      try {
        await holder.query('CREATE TABLE lock_probe (x int)');
        await holder.query('BEGIN; LOCK TABLE lock_probe IN ACCESS EXCLUSIVE MODE');
        const holderPid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
        const waiting = waiter.query(`SELECT count(*) FROM lock_probe /* ${'x'.repeat(600)} */`);
        let h: DatabaseHealth | undefined;
        for (let i = 0; i < 50 && !h?.longQueries?.length; i++) {
          await new Promise((r) => setTimeout(r, 20));
          h = await get<DatabaseHealth>('/api/monitoring/database');
        }
        const [blocked] = h?.longQueries ?? [];
        expect(blocked).toMatchObject({ blockedBy: [holderPid], waitEvent: 'Lock: relation' });
        expect(blocked?.query.length).toBe(500);
        // The locked table is left out of the sizes rather than waited for.
        expect(h?.largestTables.length).toBeGreaterThan(0);
        expect(h?.largestTables.some((x) => x.name === 'lock_probe')).toBe(false);
        await holder.query('ROLLBACK');
        await waiting;

        // Installed but not preloaded: the view refuses to answer, and only that part says so.
        await holder.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
        const preloaded = (await holder.query('SHOW shared_preload_libraries')).rows[0]
          .shared_preload_libraries;
        const after = await get<DatabaseHealth>('/api/monitoring/database');
        if (String(preloaded).includes('pg_stat_statements'))
          expect(after.slowStatements).toBeInstanceOf(Array);
        else {
          expect(after.slowStatements).toBeNull();
          expect(after.unavailable.find((u) => u.item === 'slowStatements')?.reason).toMatch(
            /shared_preload_libraries/,
          );
        }
        expect(after.connections).not.toBeNull();
        await holder.query('DROP EXTENSION pg_stat_statements');
      } finally {
        await Promise.all([holder.end(), waiter.end()]);
      }
    },
  );

  it('reflects queued jobs, failed messages, backups, route hits and WebSocket clients', async () => {
    const db = t.app.ctx.db;
    await db.transaction((tx) => t.app.ctx.jobs.enqueue(tx, 'test.health-waits', {}));
    await db
      .insert(outboxMessages)
      .values({ channel: 'email', to: 'x@example.org', body: 'b', status: 'failed' });
    const verifiedAt = new Date(Date.now() - 60_000);
    await insertBackup(db, {
      id: randomUUID(),
      status: 'verified',
      trigger: 'manual',
      destination: 'file:///backups',
      key: 'k',
      encrypted: false,
      verifiedAt,
      finishedAt: verifiedAt,
    });
    await t.request({ method: 'GET', url: '/api/monitoring/instances', cookie: admin.cookie });
    await t.request({ method: 'GET', url: '/api/no/such/thing', cookie: admin.cookie });
    const heartbeat = startHeartbeat({
      db,
      log: t.app.log,
      requests: t.app.requests,
      websockets: () => 2,
      intervalMs: 60_000,
    });
    try {
      await heartbeat.beat();
      const h = await get<ApplicationHealth>('/api/monitoring/application');
      expect(h.jobs.queued).toBeGreaterThanOrEqual(1);
      expect(h.jobs.oldestQueuedAt).not.toBeNull();
      expect(h.outbox.failedLastDay).toBe(1);
      expect(h.backups.lastVerifiedAt).toBe(verifiedAt.toISOString());
      expect(h.backups.lastFailedAt).toBeNull();
      expect(h.websockets).toBe(2);
      expect(h.routeWindowMinutes).toBe(5);
      expect(h.routes.find((r) => r.route === '/api/monitoring/instances')).toMatchObject({
        method: 'GET',
        count: 1,
        errors: 0,
        refusals: 0,
      });
      expect(h.routes.find((r) => r.route === NO_ROUTE)).toMatchObject({ count: 1, refusals: 1 });
      expect(h.routes.some((r) => r.route.includes('such'))).toBe(false);
      expect(h.disk?.path).toBe(t.config.dataDir);
      expect(h.disk?.freeBytes).toBeGreaterThan(0);
    } finally {
      await heartbeat.stop();
    }
    expect((await get<ApplicationHealth>('/api/monitoring/application')).websockets).toBe(0);
  });

  it('counts the audit trail per hour: sign-ins, records opened, changes, denied attempts', async () => {
    const before = await get<Activity>('/api/monitoring/activity');
    const patient = await registerPatient(t);
    await t.login(clerk.email);
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: clerk.email, password: `${PASSWORD}!` },
    });
    expect(wrong.statusCode).toBe(401);
    const read = await t.request({ method: 'GET', url: `/api/patients/${patient.id}`, cookie: clerk.cookie });
    expect(read.statusCode, read.body).toBe(200);
    await t.request({ method: 'GET', url: '/api/monitoring/activity', cookie: nurse.cookie });
    const after = await get<Activity>('/api/monitoring/activity');

    expect(after.range).toBe('day');
    expect(after.hours).toHaveLength(24);
    const currentHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    expect(after.hours.at(-1)?.at).toBe(currentHour);
    expect(
      after.hours.every(
        (h, i) => i === 0 || Date.parse(h.at) - Date.parse(after.hours[i - 1]!.at) === 3_600_000,
      ),
    ).toBe(true);
    const delta = (a: Activity) => ({
      signIns: a.totals.signIns - before.totals.signIns,
      recordsOpened: a.totals.recordsOpened - before.totals.recordsOpened,
      changes: a.totals.changes - before.totals.changes,
      denied: a.totals.denied - before.totals.denied,
    });
    // One each, and nothing else: the monitoring reads themselves are not audited.
    expect(delta(after)).toEqual({ signIns: 1, recordsOpened: 1, changes: 1, denied: 2 });
    const { at: _, ...lastHour } = after.hours.at(-1)!;
    if (before.hours.at(-1)?.at === currentHour) {
      const { at: __, ...was } = before.hours.at(-1)!;
      expect(lastHour).toEqual({
        signIns: was.signIns + 1,
        recordsOpened: was.recordsOpened + 1,
        changes: was.changes + 1,
        denied: was.denied + 2,
      });
    }

    const week = await get<Activity>('/api/monitoring/activity?range=week');
    expect(week.hours).toHaveLength(168);
    expect(week.totals.signIns).toBeGreaterThanOrEqual(after.totals.signIns);
  });

  it('refuses a range it does not know, naming the field', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/monitoring/activity?range=year',
      cookie: admin.cookie,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('query.range');
  });
});
