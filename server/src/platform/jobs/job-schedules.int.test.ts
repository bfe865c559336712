import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import type { Db } from '../db/database.ts';
import { jobSchedules } from './job-schedules.schema.ts';
import { jobs } from './jobs.schema.ts';

const makeDue = (db: Db, name: string, lockedAt: Date | null = null) =>
  db
    .update(jobSchedules)
    .set({ nextRunAt: new Date(Date.now() - 1000), lockedAt })
    .where(eq(jobSchedules.name, name));

describe('job schedules', () => {
  let t: TestApp;
  let admin: TestUser;
  let doctor: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithRoles(['admin']);
    doctor = await t.userWithRoles(['doctor']);
  });
  afterAll(async () => t?.close());

  it('ticking N times leaves one schedule row with its last run, and no job rows', async () => {
    let ticks = 0;
    t.app.ctx.jobs.every('test.count', 60_000, async () => {
      ticks++;
    });
    for (let i = 0; i < 5; i++) {
      await makeDue(t.app.ctx.db, 'test.count'); // a no-op before the first round declares the row
      await t.app.ctx.jobs.runSchedules();
    }
    expect(ticks).toBe(5);
    const rows = await t.app.ctx.db.select().from(jobSchedules).where(eq(jobSchedules.name, 'test.count'));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ intervalMs: 60_000, lastOutcome: 'ok', lastError: null, lockedAt: null });
    expect(row.nextRunAt.getTime() - row.lastRunAt!.getTime()).toBe(60_000);
    expect(await t.app.ctx.jobs.runSchedules()).toBe(0);
    expect(ticks).toBe(5);
    expect(await t.app.ctx.db.select().from(jobs).where(eq(jobs.kind, 'test.count'))).toEqual([]);
  });

  it('a failing tick is shown with its error, and the next success clears it', async () => {
    let broken = true;
    t.app.ctx.jobs.every('test.fragile', 300_000, async () => {
      if (broken) throw new Error('the mail server refused us');
    });
    await t.app.ctx.jobs.runSchedules();
    const res = await t.request({ method: 'GET', url: '/api/jobs/schedules', cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    const fragile = res.json().items.find((s: { name: string }) => s.name === 'test.fragile');
    expect(fragile).toMatchObject({
      intervalMs: 300_000,
      lastOutcome: 'failed',
      lastError: 'the mail server refused us',
      running: false,
    });
    expect(new Date(fragile.nextRunAt).getTime()).toBeGreaterThan(Date.now() + 290_000);

    broken = false;
    await makeDue(t.app.ctx.db, 'test.fragile');
    await t.app.ctx.jobs.runSchedules();
    const after = (await t.request({ method: 'GET', url: '/api/jobs/schedules', cookie: admin.cookie }))
      .json()
      .items.find((s: { name: string }) => s.name === 'test.fragile');
    expect(after).toMatchObject({ lastOutcome: 'ok', lastError: null });
  });

  it('a tick left running by an instance that died is taken again once stale, not before', async () => {
    let ticks = 0;
    t.app.ctx.jobs.every('test.orphan', 60_000, async () => {
      ticks++;
    });
    await t.app.ctx.jobs.runSchedules();
    await makeDue(t.app.ctx.db, 'test.orphan', new Date(Date.now() - 60_000));
    expect(await t.app.ctx.jobs.runSchedules()).toBe(0);
    await makeDue(t.app.ctx.db, 'test.orphan', new Date(Date.now() - 11 * 60_000));
    expect(await t.app.ctx.jobs.runSchedules()).toBe(1);
    expect(ticks).toBe(2);
  });

  it('refuses an interval under a second', () => {
    expect(() => t.app.ctx.jobs.every('test.fast', 10, async () => {})).toThrow(/at least 1000/);
  });

  it('GET /api/jobs/schedules answers 401 without a session and 403 to a doctor', async () => {
    expect((await t.request({ method: 'GET', url: '/api/jobs/schedules' })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'GET', url: '/api/jobs/schedules', cookie: doctor.cookie })).statusCode,
    ).toBe(403);
  });
});

describe('job schedules on two instances', () => {
  it('two app instances on one database run each tick once', async () => {
    const database = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-schedules-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const apps: FastifyInstance[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const app = await buildApp(config, { database, startJobs: false });
        await app.ready();
        apps.push(app);
      }
      const runs: string[] = [];
      for (const [i, app] of apps.entries())
        app.ctx.jobs.every('test.shared', 60_000, async () => {
          runs.push(`instance ${i}`);
          await sleep(50); // long enough for the other instance to try meanwhile
        });
      for (let round = 0; round < 3; round++) {
        await makeDue(apps[0]!.ctx.db, 'test.shared');
        await Promise.all(apps.map((app) => app.ctx.jobs.runSchedules()));
        expect(runs).toHaveLength(round + 1);
      }
      expect(runs).toHaveLength(3);
      expect(
        await apps[0]!.ctx.db.select().from(jobSchedules).where(eq(jobSchedules.name, 'test.shared')),
      ).toHaveLength(1);
    } finally {
      for (const app of apps) await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
