import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeartbeat } from '../../platform/monitoring/instance-heartbeat.ts';
import { createRequestWindow } from '../../platform/monitoring/request-window.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 }, { heartbeat: true });
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

type Listed = { id: string; pid: number; status: string; requestsPerMinute: number; p99Ms: number | null };
const list = async (): Promise<Listed[]> => {
  const res = await t.request({ method: 'GET', url: '/api/monitoring/instances', cookie: admin.cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

describe('instance heartbeats', () => {
  it('the app reports itself once ready', async () => {
    const mine = (await list()).filter((i) => i.pid === process.pid && i.status === 'up');
    expect(mine.length).toBeGreaterThanOrEqual(1);
  });

  it('carries the last minute of requests, and tells up, stopped and gone apart', async () => {
    const requests = createRequestWindow();
    for (let i = 0; i < 40; i++) requests.observe(i < 2 ? 500 : 200, 10 + i);
    const instance = async (websockets: number) => {
      const h = startHeartbeat({
        db: t.app.ctx.db,
        log: t.app.log,
        requests,
        websockets: () => websockets,
        intervalMs: 60_000,
      });
      await h.beat();
      return h;
    };
    const beating = await instance(3);
    const stopping = await instance(0);
    await stopping.stop();
    const silent = await instance(0);
    await t.app.ctx.db.execute(
      sql`UPDATE instances SET last_seen_at = now() - interval '1 minute' WHERE id = ${silent.id}`,
    );
    const byId = new Map((await list()).map((i) => [i.id, i]));
    expect(byId.get(beating.id)).toMatchObject({
      status: 'up',
      requestsPerMinute: 40,
      websockets: 3,
      errorRate: 0.05,
    });
    expect(byId.get(beating.id)?.p99Ms).toBe(49);
    expect(byId.get(stopping.id)?.status).toBe('stopped');
    expect(byId.get(silent.id)?.status).toBe('gone');
    await beating.stop();
    await silent.stop();
  });

  it('is for administrators only', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    expect(
      (await t.request({ method: 'GET', url: '/api/monitoring/instances', cookie: nurse.cookie })).statusCode,
    ).toBe(403);
  });
});
