import type { Permission } from '@carebase/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole } from '../../modules/roles/roles.service.ts';
import { createTestApp, PASSWORD, type TestApp, type TestUser } from '../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/audit.writer.ts';
import { sessions } from './auth.schema.ts';

const role = (key: string, permissions: Permission[]) =>
  createRole(t.app.ctx, SYSTEM_ACTOR, { key, name: key, description: '', mfaRequired: false, permissions });

let t: TestApp;
let manager: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  // Changes users without an admin's second factor: enough to deactivate and re-role accounts.
  await role('user-manager', ['users:read', 'users:write', 'roles:read', 'roles:write']);
  manager = await t.userWithRoles(['user-manager']);
});
afterAll(async () => t?.close());

const get = (url: string, auth: { cookie?: string; token?: string }) =>
  t.request({ method: 'GET', url, ...auth });
const me = (cookie: string) => get('/api/auth/me', { cookie });
const hits = () => t.app.ctx.credentialCache.stats().hits;

async function tokenOf(cookie: string): Promise<{ id: string; token: string }> {
  const res = await t.request({
    method: 'POST',
    url: '/api/auth/tokens',
    cookie,
    payload: { name: 'cache' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Sends as the user manager. */
const patch = (url: string, payload: object) =>
  t.request({ method: 'PATCH', url, cookie: manager.cookie, payload });

/** A write that is not announced, as if its NOTIFY were lost: only a database read would see it. */
async function silently(write: string): Promise<void> {
  await t.app.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(write));
  });
}

describe('credential cache on one instance', () => {
  it('answers a repeated request from memory', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    expect((await me(nurse.cookie)).statusCode).toBe(200);
    const before = hits();
    expect((await me(nurse.cookie)).statusCode).toBe(200);
    expect(hits()).toBe(before + 1);
    // Revoked behind the cache's back: still accepted, so no database read took place.
    await silently(`update sessions set revoked_at = now() where user_id = '${nurse.id}'`);
    expect((await me(nurse.cookie)).statusCode).toBe(200);
    t.app.ctx.credentialCache.clear();
    expect((await me(nurse.cookie)).statusCode).toBe(401);
  });

  it('counts hits and misses in the metrics', async () => {
    await role('scraper', ['metrics:read']);
    const scraper = await t.userWithRoles(['scraper']);
    await get('/metrics', { cookie: scraper.cookie });
    const body = (await get('/metrics', { cookie: scraper.cookie })).body;
    const { hits: hit, misses: miss } = t.app.ctx.credentialCache.stats();
    expect(body).toContain(`carebase_auth_cache_lookups_total{result="hit"} ${hit}`);
    expect(body).toContain(`carebase_auth_cache_lookups_total{result="miss"} ${miss}`);
  });

  it('re-reads a refusal: another instance may have seen the session more recently', async () => {
    const idle = await createTestApp({ sessionIdleMs: 1_000 });
    try {
      const nurse = await idle.userWithRoles(['nurse']);
      const ask = () => idle.request({ method: 'GET', url: '/api/auth/me', cookie: nurse.cookie });
      expect((await ask()).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 600));
      // What a touch on another instance writes; touches are not announced.
      await idle.app.ctx.db
        .update(sessions)
        .set({ lastSeenAt: new Date() })
        .where(eq(sessions.userId, nurse.id));
      await new Promise((r) => setTimeout(r, 600));
      expect((await ask()).statusCode).toBe(200);
    } finally {
      await idle.close();
    }
  });

  it('keeps the last-seen time it writes in the cached row', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    const rewind = () =>
      silently(
        `update sessions set last_seen_at = now() - interval '2 minutes' where user_id = '${nurse.id}'`,
      );
    const lastSeen = async () =>
      (await t.app.ctx.db.select().from(sessions).where(eq(sessions.userId, nurse.id)))[0]!.lastSeenAt;
    await rewind();
    expect((await me(nurse.cookie)).statusCode).toBe(200);
    expect(Date.now() - (await lastSeen()).getTime()).toBeLessThan(60_000);
    await rewind();
    expect((await me(nurse.cookie)).statusCode).toBe(200);
    // The cached row knows it was just touched: no second write within the minute.
    expect(Date.now() - (await lastSeen()).getTime()).toBeGreaterThan(60_000);
  });
});

describe('a change made through this instance counts on its next request', () => {
  it('logout', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    await me(nurse.cookie);
    await me(nurse.cookie);
    await t.request({ method: 'POST', url: '/api/auth/logout', cookie: nurse.cookie });
    expect((await me(nurse.cookie)).statusCode).toBe(401);
  });

  it('a password change ends the other sessions', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    const other = await t.login(nurse.email);
    await me(other);
    await me(other);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      cookie: nurse.cookie,
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase 42' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(nurse.cookie)).statusCode).toBe(200);
  });

  it('deactivation stops the account’s sessions and tokens', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const { token } = await tokenOf(doctor.cookie);
    await get('/api/auth/me', { token });
    await get('/api/auth/me', { token });
    expect((await patch(`/api/users/${doctor.id}`, { active: false })).statusCode).toBe(200);
    expect((await get('/api/auth/me', { token })).statusCode).toBe(401);
    expect((await me(doctor.cookie)).statusCode).toBe(401);
  });

  it('a revoked API token', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const { id, token } = await tokenOf(doctor.cookie);
    await get('/api/auth/me', { token });
    await get('/api/auth/me', { token });
    const res = await t.request({ method: 'DELETE', url: `/api/auth/tokens/${id}`, cookie: doctor.cookie });
    expect(res.statusCode).toBe(200);
    expect((await get('/api/auth/me', { token })).statusCode).toBe(401);
  });

  it('a role’s permissions', async () => {
    await role('lister', ['users:read']);
    const lister = await t.userWithRoles(['lister']);
    expect((await get('/api/users', { cookie: lister.cookie })).statusCode).toBe(200);
    expect((await get('/api/users', { cookie: lister.cookie })).statusCode).toBe(200);
    expect((await patch('/api/roles/lister', { permissions: ['roles:read'] })).statusCode).toBe(200);
    expect((await get('/api/users', { cookie: lister.cookie })).statusCode).toBe(403);
    expect((await get('/api/roles', { cookie: lister.cookie })).statusCode).toBe(200);
  });

  it('a user’s roles', async () => {
    await role('viewer', ['users:read']);
    const viewer = await t.userWithRoles(['viewer', 'nurse']);
    const { token } = await tokenOf(viewer.cookie);
    expect((await get('/api/users', { token })).statusCode).toBe(200);
    expect((await get('/api/users', { token })).statusCode).toBe(200);
    expect((await patch(`/api/users/${viewer.id}`, { roles: ['nurse'] })).statusCode).toBe(200);
    expect((await get('/api/users', { token })).statusCode).toBe(403);
    expect((await get('/api/auth/me', { token })).statusCode).toBe(200);
  });
});
