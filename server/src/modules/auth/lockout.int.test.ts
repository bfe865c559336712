import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { findUserById } from '../users/users.repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
});
afterAll(async () => t?.close());

const attempt = (email: string, password: string) =>
  t.request({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('account lockout', () => {
  it('counts every one of many parallel wrong guesses, and locks the account', async () => {
    const user = await t.userWithRoles(['nurse']);
    const guesses = 2 * t.config.lockoutThreshold;
    const answers = await Promise.all(
      Array.from({ length: guesses }, () => attempt(user.email, 'wrong password!!')),
    );
    expect(answers.every((r) => r.statusCode === 401)).toBe(true);
    expect((await findUserById(t.app.ctx.db, user.id))?.failedLogins).toBe(guesses);
    const failures = (await auditOf(t.app.ctx.db, 'auth.login')).filter(
      (e) => e.actorId === user.id && e.outcome === 'failed',
    );
    expect(failures).toHaveLength(guesses);
    const locked = await attempt(user.email, PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('invalid_credentials');
    const [last] = (await auditOf(t.app.ctx.db, 'auth.login')).slice(-1);
    expect(last).toMatchObject({ actorEmail: user.email, outcome: 'failed', details: { reason: 'locked' } });
  });

  it('answers a locked account exactly as an unknown email, so no one learns which emails have accounts', async () => {
    const user = await t.userWithRoles(['nurse']);
    const unknown = `nobody-${Date.now()}@example.org`;
    const answers = { known: [] as string[], unknown: [] as string[] };
    const shape = (res: Awaited<ReturnType<typeof attempt>>) => {
      const { requestId: _id, ...body } = res.json();
      return JSON.stringify({
        status: res.statusCode,
        body,
        retryAfter: res.headers['retry-after'] ?? null,
        type: res.headers['content-type'],
      });
    };
    for (let i = 0; i < t.config.lockoutThreshold + 2; i++) {
      answers.known.push(shape(await attempt(user.email, 'wrong password!!')));
      answers.unknown.push(shape(await attempt(unknown, 'wrong password!!')));
    }
    // With the right password too: the lock holds, and says nothing more.
    answers.known.push(shape(await attempt(user.email, PASSWORD)));
    answers.unknown.push(shape(await attempt(unknown, PASSWORD)));
    expect(answers.known).toEqual(answers.unknown);
    expect(new Set(answers.known).size).toBe(1);
    expect(JSON.parse(answers.known[0]!)).toMatchObject({
      status: 401,
      body: { code: 'invalid_credentials' },
    });
    // The lock is real: the account stays locked until its time runs out.
    expect((await findUserById(t.app.ctx.db, user.id))?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('a successful sign-in clears the count of earlier failures', async () => {
    const user = await t.userWithRoles(['nurse']);
    for (let i = 0; i < t.config.lockoutThreshold - 1; i++) await attempt(user.email, 'wrong password!!');
    expect((await attempt(user.email, PASSWORD)).statusCode).toBe(200);
    expect(await findUserById(t.app.ctx.db, user.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect((await attempt(user.email, 'wrong password!!')).statusCode).toBe(401);
    expect((await attempt(user.email, PASSWORD)).statusCode).toBe(200);
  });
});
