import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../platform/outbox/outbox.schema.ts';
import { createTestApp, PASSWORD, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { userRoles, users } from './users.schema.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  doctor = await t.userWithRoles(['doctor']);
  for (const [name, roles] of [
    ['Alpha', ['nurse']],
    ['Beta', ['doctor']],
    ['Gamma', ['nurse', 'receptionist']],
  ] as const) {
    const res = await create({
      email: `zephyr.${name.toLowerCase()}@example.org`,
      name: `Zephyr ${name}`,
      roles,
      password: PASSWORD,
    });
    ids[name] = res.json().id;
  }
  await t.request({
    method: 'PATCH',
    url: `/api/users/${ids.Gamma}`,
    cookie: admin.cookie,
    payload: { active: false },
  });
});
afterAll(async () => t?.close());

function create(payload: Record<string, unknown>, cookie = admin.cookie) {
  return t.request({ method: 'POST', url: '/api/users', cookie, payload });
}
const list = (query: string, cookie = admin.cookie) =>
  t.request({ method: 'GET', url: `/api/users?${query}`, cookie });
const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((u) => u.name);
const patch = (id: string, payload: Record<string, unknown>, cookie = admin.cookie) =>
  t.request({ method: 'PATCH', url: `/api/users/${id}`, cookie, payload });

describe('GET /api/users', () => {
  it('searches, filters, sorts and pages', async () => {
    expect(names(await list('q=zephyr'))).toEqual(['Zephyr Alpha', 'Zephyr Beta', 'Zephyr Gamma']);
    expect(names(await list('q=ZEPHYR.B'))).toEqual(['Zephyr Beta']);
    expect(names(await list('q=zephyr&role=nurse'))).toEqual(['Zephyr Alpha', 'Zephyr Gamma']);
    expect(names(await list('q=zephyr&active=false'))).toEqual(['Zephyr Gamma']);
    expect(names(await list('q=zephyr&active=true&role=nurse'))).toEqual(['Zephyr Alpha']);
    expect(names(await list('q=zephyr&sort=email&order=desc'))).toEqual([
      'Zephyr Gamma',
      'Zephyr Beta',
      'Zephyr Alpha',
    ]);
    const page = await list('q=zephyr&pageSize=2&page=2');
    expect(page.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(names(page)).toEqual(['Zephyr Gamma']);
    expect((await list('q=%25')).json().total).toBe(0);
    const gamma = (await list('q=gamma')).json().items[0];
    expect(gamma).toMatchObject({ roles: ['nurse', 'receptionist'], active: false, mfaEnabled: false });
    expect(gamma).not.toHaveProperty('passwordHash');
  });

  it('refuses sort fields and filters outside the allow-list, naming them', async () => {
    const cases: [string, string][] = [
      ['sort=passwordHash', 'query.sort'],
      ['order=sideways', 'query.order'],
      ['pageSize=500', 'query.pageSize'],
      ['page=0', 'query.page'],
      ['active=maybe', 'query.active'],
      ['role=Not%20A%20Role', 'query.role'],
    ];
    for (const [query, path] of cases) {
      const res = await list(query);
      expect(res.statusCode, query).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
  });

  it('answers 401 without a session and 403 without users:read, recording the denial', async () => {
    expect((await t.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
    expect((await list('', doctor.cookie)).statusCode).toBe(403);
    const denied = await auditOf(t.app.ctx.db, 'access.denied');
    expect(denied.some((e) => e.actorId === doctor.id && e.outcome === 'denied')).toBe(true);
  });
});

describe('POST /api/users', () => {
  it('creates a user with a password, audited with the admin as actor, without any email', async () => {
    const res = await create({
      email: 'Kim.Lee@Example.org',
      name: 'Kim Lee',
      roles: ['nurse'],
      password: 'amber falcon river 22',
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      email: 'kim.lee@example.org',
      roles: ['nurse'],
      active: true,
      lastLoginAt: null,
    });
    const [event] = await auditOf(t.app.ctx.db, 'user.create', user.id);
    expect(event).toMatchObject({ actorId: admin.id, actorEmail: admin.email });
    expect(event?.details).toMatchObject({
      email: 'kim.lee@example.org',
      roles: ['nurse'],
      passwordSet: true,
    });
    expect(
      await t.app.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email)),
    ).toHaveLength(0);
    await t.login('kim.lee@example.org', 'amber falcon river 22');
  });

  it('without a password, queues a welcome email with a link to set one', async () => {
    const res = await create({ email: 'welcome@example.org', name: 'New Person', roles: ['receptionist'] });
    expect(res.statusCode).toBe(201);
    const mails = await t.app.ctx.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, 'welcome@example.org'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: 'Your Carebase account', status: 'pending' });
    expect(mails[0]?.body).toContain(`${t.config.publicUrl}/reset-password?token=`);
    const refused = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'welcome@example.org', password: PASSWORD },
    });
    expect(refused.statusCode).toBe(401);
    const token = decodeURIComponent(/token=(\S+)/.exec(mails[0]!.body)![1]!);
    const newPassword = 'first light harbour 8';
    const confirm = await t.request({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, newPassword },
    });
    expect(confirm.statusCode).toBe(200);
    await t.login('welcome@example.org', newPassword);
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = [
      await snapshot(t.app.ctx.db, users),
      await snapshot(t.app.ctx.db, userRoles),
      await snapshot(t.app.ctx.db, outboxMessages),
    ];
    const good = { email: 'someone@example.org', name: 'Someone', roles: ['nurse'] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, email: 'ZEPHYR.ALPHA@example.org' }, 'body.email'],
      [{ ...good, email: 'not-an-email' }, 'body.email'],
      [{ ...good, roles: ['nurse', 'wizard'] }, 'body.roles'],
      [{ ...good, roles: [] }, 'body.roles'],
      [{ ...good, password: 'password1234' }, 'body.password'],
      [{ ...good, password: 'short' }, 'body.password'],
      [{ ...good, name: '' }, 'body.name'],
      [{ email: good.email, roles: good.roles }, 'body.name'],
    ];
    for (const [payload, path] of cases) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toContain(path);
    }
    const after = [
      await snapshot(t.app.ctx.db, users),
      await snapshot(t.app.ctx.db, userRoles),
      await snapshot(t.app.ctx.db, outboxMessages),
    ];
    expect(after).toEqual(before);
  });

  it('two simultaneous creates with one email: one is created, the other is told the email is taken', async () => {
    const payload = { email: 'twice@example.org', name: 'Twice', roles: ['nurse'], password: PASSWORD };
    const answers = await Promise.all([create(payload), create(payload)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(errorPaths(answers.find((r) => r.statusCode === 400)!)).toEqual(['body.email']);
  });

  it('writes the user and its audit event in one transaction: no event, no user', async () => {
    const db = t.app.ctx.db;
    await db.execute(
      sql.raw(`CREATE FUNCTION test_refuse_user_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'user.create' THEN RAISE EXCEPTION 'audit store unavailable (internal detail)'; END IF; RETURN NEW; END $$`),
    );
    await db.execute(
      sql.raw(`CREATE TRIGGER test_refuse_user_audit BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION test_refuse_user_audit()`),
    );
    try {
      const before = [
        await snapshot(db, users),
        await snapshot(db, userRoles),
        await snapshot(db, outboxMessages),
      ];
      const res = await create({ email: 'atomic@example.org', name: 'Atomic', roles: ['nurse'] });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'internal' });
      expect(res.body).not.toContain('internal detail');
      expect([
        await snapshot(db, users),
        await snapshot(db, userRoles),
        await snapshot(db, outboxMessages),
      ]).toEqual(before);
    } finally {
      await db.execute(sql.raw('DROP TRIGGER test_refuse_user_audit ON audit_events'));
      await db.execute(sql.raw('DROP FUNCTION test_refuse_user_audit()'));
    }
  });

  it('answers 401 without a session and 403 without users:write', async () => {
    const payload = { email: 'x@example.org', name: 'X', roles: ['nurse'] };
    expect((await t.request({ method: 'POST', url: '/api/users', payload })).statusCode).toBe(401);
    expect((await create(payload, doctor.cookie)).statusCode).toBe(403);
  });
});

describe('GET /api/users/:id', () => {
  it('answers the user, 404 for an unknown id and 400 for a malformed one', async () => {
    const res = await t.request({ method: 'GET', url: `/api/users/${ids.Alpha}`, cookie: admin.cookie });
    expect(res.json()).toMatchObject({ name: 'Zephyr Alpha', roles: ['nurse'] });
    const missing = await t.request({
      method: 'GET',
      url: `/api/users/${randomUUID()}`,
      cookie: admin.cookie,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    const bad = await t.request({ method: 'GET', url: '/api/users/abc', cookie: admin.cookie });
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['params.id']);
    expect(
      (await t.request({ method: 'GET', url: `/api/users/${ids.Alpha}`, cookie: doctor.cookie })).statusCode,
    ).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/users/${ids.Alpha}` })).statusCode).toBe(401);
  });
});

describe('PATCH /api/users/:id', () => {
  it('changes roles, ends the sessions that held the old ones, and audits the change', async () => {
    const user = await t.userWithRoles(['nurse']);
    const res = await patch(user.id, { roles: ['pharmacist', 'nurse'], name: 'Renamed' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['nurse', 'pharmacist'], name: 'Renamed' });
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: user.cookie })).statusCode).toBe(
      401,
    );
    const [event] = await auditOf(t.app.ctx.db, 'user.update', user.id);
    expect(event?.actorId).toBe(admin.id);
    expect(event?.details).toMatchObject({
      changes: { roles: { from: ['nurse'], to: ['nurse', 'pharmacist'] } },
    });
  });

  it('deactivation ends the session at once; reactivation lets the user sign in again', async () => {
    const user = await t.userWithRoles(['nurse']);
    expect((await patch(user.id, { active: false })).json().active).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: user.cookie })).statusCode).toBe(
      401,
    );
    const refused = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(refused.statusCode).toBe(401);
    expect(await auditOf(t.app.ctx.db, 'user.deactivate', user.id)).toHaveLength(1);
    expect((await patch(user.id, { active: true })).json().active).toBe(true);
    expect(await auditOf(t.app.ctx.db, 'user.reactivate', user.id)).toHaveLength(1);
    await t.login(user.email);
  });

  it('an admin cannot deactivate itself nor drop its own admin role', async () => {
    const before = await snapshot(t.app.ctx.db, users);
    const off = await patch(admin.id, { active: false });
    expect(off.statusCode).toBe(400);
    expect(errorPaths(off)).toEqual(['body.active']);
    const demote = await patch(admin.id, { roles: ['nurse'] });
    expect(errorPaths(demote)).toEqual(['body.roles']);
    expect(await snapshot(t.app.ctx.db, users)).toEqual(before);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: admin.cookie })).statusCode).toBe(
      200,
    );
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = [await snapshot(t.app.ctx.db, users), await snapshot(t.app.ctx.db, userRoles)];
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'zephyr.beta@example.org' }, 'body.email'],
      [{ roles: ['wizard'] }, 'body.roles'],
      [{ active: 'no' }, 'body.active'],
      [{ passwordHash: 'x' }, 'body.passwordHash'],
    ];
    for (const [payload, path] of cases) {
      const res = await patch(ids.Alpha!, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    expect([await snapshot(t.app.ctx.db, users), await snapshot(t.app.ctx.db, userRoles)]).toEqual(before);
    expect((await patch(randomUUID(), { name: 'Nobody' })).statusCode).toBe(404);
  });

  it('answers 401 without a session and 403 without users:write', async () => {
    expect(
      (await t.request({ method: 'PATCH', url: `/api/users/${ids.Alpha}`, payload: { name: 'x' } }))
        .statusCode,
    ).toBe(401);
    expect((await patch(ids.Alpha!, { name: 'x' }, doctor.cookie)).statusCode).toBe(403);
  });
});

describe('POST /api/users/:id/password-reset', () => {
  const reset = (id: string, cookie?: string) =>
    t.request({ method: 'POST', url: `/api/users/${id}/password-reset`, cookie });

  it('queues a reset email for the user, audited', async () => {
    const res = await reset(ids.Beta!, admin.cookie);
    expect(res.json()).toEqual({ ok: true });
    const mails = await t.app.ctx.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, 'zephyr.beta@example.org'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body).toContain('/reset-password?token=');
    expect(mails[0]?.body).toContain('24 hours');
    expect(await auditOf(t.app.ctx.db, 'user.password-reset.send', ids.Beta)).toHaveLength(1);
  });

  it('answers 404 for an unknown user, 409 for a deactivated one, 401 and 403', async () => {
    expect((await reset(randomUUID(), admin.cookie)).statusCode).toBe(404);
    expect((await reset(ids.Gamma!, admin.cookie)).statusCode).toBe(409);
    expect((await reset('42', admin.cookie)).statusCode).toBe(400);
    const before = await snapshot(t.app.ctx.db, outboxMessages);
    const selfService = await t.request({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: 'zephyr.gamma@example.org' },
    });
    expect(selfService.json()).toEqual({ ok: true });
    expect(await snapshot(t.app.ctx.db, outboxMessages)).toEqual(before);
    expect((await reset(ids.Beta!)).statusCode).toBe(401);
    expect((await reset(ids.Beta!, doctor.cookie)).statusCode).toBe(403);
  });
});
