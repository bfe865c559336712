import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.schema.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths } from '../../test/test-queries.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
const FORMULA_AGENT = '=HYPERLINK("http://evil.example","click")';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
  doctor = await t.userWithRoles(['doctor']);
  await t.request({ method: 'GET', url: '/api/users', cookie: doctor.cookie });
  await t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'user-agent': FORMULA_AGENT },
    payload: { email: doctor.email, password: 'not the password' },
  });
  const other = await t.userWithRoles(['nurse']);
  await t.request({ method: 'POST', url: '/api/auth/logout', cookie: other.cookie });
});
afterAll(async () => t?.close());

type Item = {
  id: number;
  at: string;
  action: string;
  actorId: string | null;
  outcome: string;
  resourceType: string;
};
async function query(qs: string, cookie = admin.cookie) {
  const res = await t.request({ method: 'GET', url: `/api/audit?${qs}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number; page: number; pageSize: number };
}
const allRows = () => t.app.ctx.db.select().from(auditEvents).orderBy(asc(auditEvents.id));

describe('GET /api/audit', () => {
  it('records a denied attempt as access.denied with outcome denied', async () => {
    const denied = await auditOf(t.app.ctx.db, 'access.denied', 'GET /api/users');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      actorId: doctor.id,
      outcome: 'denied',
      resourceType: 'route',
      details: { permission: 'users:read' },
    });
  });

  it('filters by actor, action, resource type and outcome', async () => {
    const byActor = await query(`actor=${doctor.id}`);
    expect(byActor.total).toBeGreaterThan(0);
    expect(byActor.items.every((e) => e.actorId === doctor.id)).toBe(true);
    const denied = await query('action=access.denied&outcome=denied');
    expect(denied.items.map((e) => e.actorId)).toEqual([doctor.id]);
    const routes = await query('resourceType=route');
    expect(routes.total).toBe(1);
    const failed = await query('outcome=failed&action=auth.login');
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ actorId: doctor.id, outcome: 'failed' });
    expect((await query('action=no.such.action')).total).toBe(0);
  });

  it('filters by time with from and to (inclusive)', async () => {
    const rows = await allRows();
    const middle = rows[Math.floor(rows.length / 2)]!;
    const at = new Date(middle.at).toISOString();
    const from = await query(`from=${at}&pageSize=200`);
    expect(from.total).toBe(rows.filter((r) => new Date(r.at) >= new Date(at)).length);
    expect(from.items.map((e) => e.id)).toContain(middle.id);
    const to = await query(`to=${at}&pageSize=200`);
    expect(to.total).toBe(rows.filter((r) => new Date(r.at) <= new Date(at)).length);
    expect(to.items.every((e) => e.at <= at)).toBe(true);
  });

  it('sorts by allowed fields only and pages', async () => {
    const byDefault = await query('pageSize=200');
    const ids = byDefault.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const sessions = await query('resourceType=session&sort=action&order=asc');
    const actions = sessions.items.map((e) => e.action);
    expect(actions).toEqual([...actions].sort());
    expect(new Set(actions)).toEqual(new Set(['auth.login', 'auth.logout']));
    const page1 = await query('pageSize=2&page=1&order=asc');
    const page2 = await query('pageSize=2&page=2&order=asc');
    expect(page1.total).toBe(byDefault.total);
    expect(page2).toMatchObject({ page: 2, pageSize: 2 });
    expect(page2.items.map((e) => e.id)).toEqual([...ids].reverse().slice(2, 4));
  });

  it('refuses unknown sort fields and malformed filters, naming them', async () => {
    const cases: [string, string][] = [
      ['sort=actorEmail', 'query.sort'],
      ['outcome=maybe', 'query.outcome'],
      ['actor=someone', 'query.actor'],
      ['from=yesterday', 'query.from'],
      ['pageSize=1000', 'query.pageSize'],
    ];
    for (const [qs, path] of cases) {
      const res = await t.request({ method: 'GET', url: `/api/audit?${qs}`, cookie: admin.cookie });
      expect(res.statusCode, qs).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
  });

  it('answers 401 without a session and 403 to a doctor', async () => {
    expect((await t.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/audit', cookie: doctor.cookie })).statusCode).toBe(
      403,
    );
  });
});

describe('GET /api/audit/export.csv', () => {
  it('exports the filtered rows under a header, neutralising formulas, and audits the export', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/audit/export.csv?action=auth.login',
      cookie: admin.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="carebase-audit-.*\.csv"$/);
    const lines = res.body.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'id,at,actorId,actorEmail,action,resourceType,resourceId,patientId,outcome,ip,userAgent,requestId,details,hash',
    );
    const logins = await auditOf(t.app.ctx.db, 'auth.login');
    expect(lines).toHaveLength(logins.length + 1);
    expect(lines.slice(1).every((l) => l.includes(',auth.login,session,'))).toBe(true);
    const formula = lines.find((l) => l.includes('HYPERLINK'));
    expect(formula).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(formula).not.toMatch(/,=HYPERLINK|,"=HYPERLINK/);
    const [exported] = await auditOf(t.app.ctx.db, 'audit.export');
    expect(exported).toMatchObject({ actorId: admin.id, details: { filter: { action: 'auth.login' } } });
  });

  it('answers 401 without a session and 403 to a doctor', async () => {
    expect((await t.request({ method: 'GET', url: '/api/audit/export.csv' })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'GET', url: '/api/audit/export.csv', cookie: doctor.cookie })).statusCode,
    ).toBe(403);
    expect(
      (await t.request({ method: 'GET', url: '/api/audit/export.csv?sort=hash', cookie: admin.cookie }))
        .statusCode,
    ).toBe(400);
  });
});
