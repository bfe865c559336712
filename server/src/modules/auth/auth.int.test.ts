import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.ts';
import { countUsers } from '../users/users.repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('POST /api/auth/login', () => {
  it('signs in and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const user = await t.userWithRoles(['doctor']);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: user.email, roles: ['doctor'], mfaEnrollmentRequired: false });
    const cookie = res.cookies.find((c) => c.name === 'carebase_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    // The hint the web app reads before asking /api/auth/me: no secret in it, same lifetime as the session.
    const hint = res.cookies.find((c) => c.name === 'carebase_signed_in');
    expect(hint).toMatchObject({ value: '1', sameSite: 'Lax', path: '/', maxAge: cookie?.maxAge });
    expect(hint?.httpOnly).toBeFalsy();
  });

  it('refuses a wrong password with 401 and records the failure', async () => {
    const user = await t.userWithRoles(['nurse']);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'wrong password!!' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('invalid_credentials');
  });

  it('names the field of bad input and writes nothing', async () => {
    const before = await countUsers(t.app.ctx.db);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email', password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'body.email' })]),
    );
    expect(await countUsers(t.app.ctx.db)).toBe(before);
  });

  it('locks the account after repeated failures, answering as for any wrong password', async () => {
    const user = await t.userWithRoles(['nurse']);
    for (let i = 0; i < t.config.lockoutThreshold; i++) {
      await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'wrong password!!' },
      });
    }
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('refuses a cross-site login (Origin check)', async () => {
    const user = await t.userWithRoles(['nurse']);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: user.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_rejected');
  });
});

describe('session', () => {
  it('GET /api/auth/me answers 401 without a session', async () => {
    const res = await t.request({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
  });

  it('logout revokes the session server-side', async () => {
    const user = await t.userWithRoles(['doctor']);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: user.cookie })).statusCode).toBe(
      200,
    );
    const logout = await t.request({ method: 'POST', url: '/api/auth/logout', cookie: user.cookie });
    expect(logout.statusCode).toBe(200);
    const cleared = logout.cookies.filter(
      (c) => c.name === 'carebase_session' || c.name === 'carebase_signed_in',
    );
    expect(cleared.map((c) => [c.name, c.value])).toEqual([
      ['carebase_session', ''],
      ['carebase_signed_in', ''],
    ]);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: user.cookie })).statusCode).toBe(
      401,
    );
  });

  it('a cookie-authenticated write without Origin is refused', async () => {
    const user = await t.userWithRoles(['doctor']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: user.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_rejected');
  });
});
