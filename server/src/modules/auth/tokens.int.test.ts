import { randomUUID } from 'node:crypto';
import { BUILT_IN_ROLE_PERMISSIONS } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../../platform/auth/auth.schema.ts';
import { hashToken } from '../../platform/auth/secret-token.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { users } from '../users/users.schema.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

async function createToken(cookie: string, payload: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: '/api/auth/tokens', cookie, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; permissions: string[] };
}

describe('POST /api/auth/tokens', () => {
  it('shows the token once and stores only its hash, with an audit event', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const created = await createToken(doctor.cookie, { name: 'lab sync' });
    expect(created.token).toMatch(/^cbt_/);
    expect(created.permissions).toEqual([...BUILT_IN_ROLE_PERMISSIONS.doctor].sort());
    const [row] = await t.app.ctx.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row?.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const list = await t.request({ method: 'GET', url: '/api/auth/tokens', cookie: doctor.cookie });
    expect(list.json()).toHaveLength(1);
    expect(list.body).not.toContain(created.token);
    const [event] = await auditOf(t.app.ctx.db, 'auth.token.create', created.id);
    expect(event).toMatchObject({ actorId: doctor.id, outcome: 'success' });
    expect(JSON.stringify(event)).not.toContain(created.token);
  });

  it('cannot carry more than the creator holds (400 body.permissions) and writes nothing', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const before = await snapshot(t.app.ctx.db, apiTokens);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/tokens',
      cookie: doctor.cookie,
      payload: { name: 'too much', permissions: ['users:read'] },
    });
    expect(res.statusCode).toBe(400);
    expect(errorPaths(res)).toEqual(['body.permissions']);
    const unnamed = await t.request({
      method: 'POST',
      url: '/api/auth/tokens',
      cookie: doctor.cookie,
      payload: { name: ' ' },
    });
    expect(errorPaths(unnamed)).toEqual(['body.name']);
    const past = await t.request({
      method: 'POST',
      url: '/api/auth/tokens',
      cookie: doctor.cookie,
      payload: { name: 'old', expiresAt: '2000-01-01T00:00:00Z' },
    });
    expect(errorPaths(past)).toEqual(['body.expiresAt']);
    expect(await snapshot(t.app.ctx.db, apiTokens)).toEqual(before);
  });

  it('answers 401 without a session and 403 to a role without tokens:create', async () => {
    expect(
      (await t.request({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'x' } })).statusCode,
    ).toBe(401);
    const patient = await t.userWithRoles(['patient']);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/tokens',
      cookie: patient.cookie,
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('using an API token', () => {
  it('works as a Bearer token, within its own narrower permissions, and records its last use', async () => {
    const { token, id } = await createToken(admin.cookie, { name: 'auditor', permissions: ['audit:read'] });
    const audit = await t.request({ method: 'GET', url: '/api/audit', token });
    expect(audit.statusCode).toBe(200);
    const users = await t.request({ method: 'GET', url: '/api/users', token });
    expect(users.statusCode).toBe(403);
    const me = await t.request({ method: 'GET', url: '/api/auth/me', token });
    expect(me.json()).toMatchObject({ email: admin.email, permissions: ['audit:read'] });
    const [row] = await t.app.ctx.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('needs no Origin header (no ambient credentials)', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const { token } = await createToken(doctor.cookie, { name: 'script' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'made by a script' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('is refused when unknown or malformed', async () => {
    expect(
      (await t.request({ method: 'GET', url: '/api/auth/me', token: 'cbt_not-a-real-token' })).statusCode,
    ).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token: 'plainly wrong' })).statusCode).toBe(
      401,
    );
  });

  it('stops working when it expires', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const { token, id } = await createToken(doctor.cookie, { name: 'short-lived', expiresAt });
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token })).statusCode).toBe(200);
    await t.app.ctx.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, id));
    // Moving expires_at into the past stands in for time passing: tell the instance that cached the token.
    t.app.ctx.credentialCache.clear();
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token })).statusCode).toBe(401);
  });

  it('stops working once revoked; only its owner can revoke it', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const { token, id } = await createToken(doctor.cookie, { name: 'revoke me' });
    const stranger = await t.userWithRoles(['doctor']);
    const foreign = await t.request({
      method: 'DELETE',
      url: `/api/auth/tokens/${id}`,
      cookie: stranger.cookie,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await t.request({ method: 'DELETE', url: `/api/auth/tokens/${id}` })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'DELETE', url: '/api/auth/tokens/nope', cookie: doctor.cookie })).statusCode,
    ).toBe(400);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/auth/tokens/${randomUUID()}`, cookie: doctor.cookie }))
        .statusCode,
    ).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token })).statusCode).toBe(200);
    const res = await t.request({ method: 'DELETE', url: `/api/auth/tokens/${id}`, cookie: doctor.cookie });
    expect(res.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token })).statusCode).toBe(401);
    expect(await auditOf(t.app.ctx.db, 'auth.token.revoke', id)).toHaveLength(1);
  });

  it('stops working when its owner is deactivated', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const { token } = await createToken(doctor.cookie, { name: 'owner leaves' });
    const off = await t.request({
      method: 'PATCH',
      url: `/api/users/${doctor.id}`,
      cookie: admin.cookie,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token })).statusCode).toBe(401);
  });

  it('is revoked, not paused, when its owner is deactivated: reactivation does not revive it', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const kept = await createToken(doctor.cookie, { name: 'integration' });
    const earlier = await createToken(doctor.cookie, { name: 'revoked before' });
    await t.request({ method: 'DELETE', url: `/api/auth/tokens/${earlier.id}`, cookie: doctor.cookie });
    const [revokedBefore] = await t.app.ctx.db.select().from(apiTokens).where(eq(apiTokens.id, earlier.id));
    const setActive = (active: boolean) =>
      t.request({
        method: 'PATCH',
        url: `/api/users/${doctor.id}`,
        cookie: admin.cookie,
        payload: { active },
      });
    expect((await setActive(false)).statusCode).toBe(200);
    const rows = await t.app.ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, doctor.id));
    expect(rows.every((r) => r.revokedAt instanceof Date)).toBe(true);
    // A token revoked earlier keeps the time it was revoked.
    expect(rows.find((r) => r.id === earlier.id)?.revokedAt).toEqual(revokedBefore?.revokedAt);
    const [event] = await auditOf(t.app.ctx.db, 'user.deactivate', doctor.id);
    expect(event?.details).toMatchObject({ revokedTokens: [kept.id] });

    expect((await setActive(true)).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token: kept.token })).statusCode).toBe(401);
    const cookie = await t.login(doctor.email);
    const listed = await t.request({ method: 'GET', url: '/api/auth/tokens', cookie });
    expect(
      (listed.json() as { id: string; revokedAt: string | null }[]).map((x) => [x.id, x.revokedAt !== null]),
    ).toEqual(
      expect.arrayContaining([
        [kept.id, true],
        [earlier.id, true],
      ]),
    );
    // New tokens work as usual after reactivation.
    const fresh = await createToken(cookie, { name: 'after return' });
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token: fresh.token })).statusCode).toBe(
      200,
    );
  });

  it('reactivation ends tokens left unrevoked by a deactivation made before this rule', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    const { id, token } = await createToken(nurse.cookie, { name: 'legacy' });
    // As an older version left it: the account inactive, its token not revoked.
    await t.app.ctx.db.update(users).set({ active: false }).where(eq(users.id, nurse.id));
    const on = await t.request({
      method: 'PATCH',
      url: `/api/users/${nurse.id}`,
      cookie: admin.cookie,
      payload: { active: true },
    });
    expect(on.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', token })).statusCode).toBe(401);
    const [row] = await t.app.ctx.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it('loses a permission when its owner loses it', async () => {
    const owner = await t.userWithRoles(['doctor']);
    await t.request({
      method: 'PATCH',
      url: `/api/users/${owner.id}`,
      cookie: admin.cookie,
      payload: { roles: ['doctor', 'patient'] },
    });
    const cookie = await t.login(owner.email);
    const { token } = await createToken(cookie, { name: 'shrinks' });
    await t.request({
      method: 'PATCH',
      url: `/api/users/${owner.id}`,
      cookie: admin.cookie,
      payload: { roles: ['patient'] },
    });
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/tokens',
      token,
      payload: { name: 'no longer' },
    });
    expect(res.statusCode).toBe(403);
  });
});
