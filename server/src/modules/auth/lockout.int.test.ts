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
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
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
