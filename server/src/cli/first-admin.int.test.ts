import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../platform/auth/totp.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { auditOf } from '../test/test-queries.ts';
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL } from './accounts.ts';

let t: TestApp;
let printed: { email: string; password: string };
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  const first = await ensureFirstAdmin(t.app.ctx);
  if (!first) throw new Error('the test database already had users');
  printed = first;
});
afterAll(async () => t?.close());

const NEW_PASSWORD = 'harbour violet compass 47';

const login = (password: string) =>
  t.request({ method: 'POST', url: '/api/auth/login', payload: { email: FIRST_ADMIN_EMAIL, password } });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) => {
  const set = res.cookies.find((c) => c.name === 'carebase_session');
  if (!set) throw new Error('no session cookie');
  return `carebase_session=${set.value}`;
};

describe('the first administrator', () => {
  it('is created once, on an empty database only', async () => {
    expect(printed.email).toBe(FIRST_ADMIN_EMAIL);
    expect(await ensureFirstAdmin(t.app.ctx)).toBeNull();
  });

  it('signs in with the printed password and must change it before anything else', async () => {
    const res = await login(printed.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ passwordChangeRequired: true, mfaEnrollmentRequired: true });
    const cookie = cookieOf(res);

    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().passwordChangeRequired).toBe(true);

    // Every other route is refused with the code the web app sends them to the change page on, before MFA.
    const refused = [
      { method: 'GET', url: '/api/users' },
      { method: 'GET', url: '/api/settings/system' },
      { method: 'GET', url: '/api/setup/checklist' },
      { method: 'POST', url: '/api/auth/mfa/enroll' },
      { method: 'POST', url: '/api/auth/tokens', payload: { name: 'script' } },
    ] as const;
    for (const call of refused) {
      const answer = await t.request({ ...call, cookie });
      expect(answer.statusCode, call.url).toBe(403);
      expect(answer.json().code, call.url).toBe('password_change_required');
    }

    const changed = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      cookie,
      payload: { currentPassword: printed.password, newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    expect(await auditOf(t.app.ctx.db, 'auth.password.change', me.json().id)).toHaveLength(1);

    // The same session goes on to TOTP enrolment, as the admin role requires.
    const after = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expect(after.json()).toMatchObject({ passwordChangeRequired: false, mfaEnrollmentRequired: true });
    const users = await t.request({ method: 'GET', url: '/api/users', cookie });
    expect(users.json().code).toBe('mfa_enrollment_required');
    const start = await t.request({ method: 'POST', url: '/api/auth/mfa/enroll', cookie });
    expect(start.statusCode).toBe(200);
    const secret = start.json().secret as string;
    const confirm = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/confirm',
      cookie,
      payload: { otp: currentTotp(secret) },
    });
    expect(confirm.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/users', cookie })).statusCode).toBe(200);

    // The printed password no longer signs in; the new one does.
    const again = await login(printed.password);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('invalid_credentials');
    // The new password is right: what is still asked for is the TOTP code.
    const withNew = await login(NEW_PASSWORD);
    expect(withNew.json().code).toBe('otp_required');
  });

  it('is not asked to change a password an administrator chose (create-admin, users API)', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie: nurse.cookie });
    expect(me.json().passwordChangeRequired).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/patients', cookie: nurse.cookie })).statusCode).toBe(
      200,
    );
  });
});
