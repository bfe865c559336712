import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { checkTotp, currentTotp } from '../../platform/auth/totp.ts';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.ts';
import { auditOf, errorPaths } from '../../test/test-queries.ts';
import { findUserById } from '../users/users.repository.ts';
import { createUser } from '../users/users.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
});
afterAll(async () => t?.close());

/** The code of the secret at another moment (the authenticator app's clock). */
function totpAt(secret: string, timestamp: number): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp,
  });
}

/** A six-digit code that the secret does not accept now (nor one step either side). */
function wrongOtp(secret: string): string {
  for (let n = 123456; ; n = (n + 7919) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!checkTotp(secret, code)) return code;
  }
}

const login = (email: string, otp?: string) =>
  t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: PASSWORD, ...(otp ? { otp } : {}) },
  });

/** Enrols TOTP from a signed-in session; returns the secret and the recovery codes. */
async function enrol(cookie: string) {
  const start = await t.request({ method: 'POST', url: '/api/auth/mfa/enroll', cookie });
  expect(start.statusCode).toBe(200);
  const { secret, qrCodeDataUrl, otpauthUrl } = start.json();
  expect(qrCodeDataUrl.startsWith('data:image/png')).toBe(true);
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
  const confirm = await t.request({
    method: 'POST',
    url: '/api/auth/mfa/confirm',
    cookie,
    payload: { otp: currentTotp(secret) },
  });
  expect(confirm.statusCode).toBe(200);
  return { secret: secret as string, recoveryCodes: confirm.json().recoveryCodes as string[] };
}

describe('login with TOTP', () => {
  it('asks for the code, refuses a wrong one and accepts the right one', async () => {
    const admin = await t.userWithRoles(['admin']);
    const secret = admin.totpSecret!;
    const missing = await login(admin.email);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('otp_required');
    expect(missing.cookies.find((c) => c.name === 'carebase_session')).toBeUndefined();
    const wrong = await login(admin.email, wrongOtp(secret));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_otp');
    const failures = await auditOf(t.app.ctx.db, 'auth.login');
    expect(failures.filter((e) => e.actorId === admin.id && e.outcome === 'failed')).toHaveLength(1);
    // The harness signed in with the current code; each code works once, so the next step's code is used.
    const next = totpAt(secret, Date.now() + 30_000);
    const right = await login(admin.email, next);
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({
      email: admin.email,
      mfaEnabled: true,
      mfaEnrollmentRequired: false,
      passwordChangeRequired: false,
    });
    const replay = await login(admin.email, next);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('invalid_otp');
  });

  it('accepts a recovery code exactly once', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    const { recoveryCodes } = await enrol(nurse.cookie);
    const code = recoveryCodes[0]!;
    expect((await login(nurse.email, code)).statusCode).toBe(200);
    const again = await login(nurse.email, code);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('invalid_otp');
    expect((await login(nurse.email, recoveryCodes[1])).statusCode).toBe(200);
  });

  it('accepts one code once even when it is sent by several sign-ins at the same moment', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    const { secret, recoveryCodes } = await enrol(nurse.cookie);
    const statuses = async (otp: string) =>
      (await Promise.all([1, 2, 3].map(() => login(nurse.email, otp)))).map((r) => r.statusCode).sort();
    expect(await statuses(recoveryCodes[0]!)).toEqual([200, 401, 401]);
    expect(await statuses(totpAt(secret, Date.now() + 30_000))).toEqual([200, 401, 401]);
    const stored = await findUserById(t.app.ctx.db, nurse.id);
    expect(stored?.recoveryCodes).toHaveLength(9);
  });
});

describe('MFA enrolment', () => {
  it('enrols with a QR code, returns 10 recovery codes and turns MFA on', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    const { recoveryCodes } = await enrol(nurse.cookie);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie: nurse.cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().mfaEnabled).toBe(true);
    const stored = await findUserById(t.app.ctx.db, nurse.id);
    expect(stored?.recoveryCodes.some((h) => recoveryCodes.includes(h))).toBe(false);
    expect(await auditOf(t.app.ctx.db, 'auth.mfa.enroll-start', nurse.id)).toHaveLength(1);
    expect(await auditOf(t.app.ctx.db, 'auth.mfa.enable', nurse.id)).toHaveLength(1);
    const again = await t.request({ method: 'POST', url: '/api/auth/mfa/enroll', cookie: nurse.cookie });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a wrong confirmation code naming body.otp, and a malformed one', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    const start = await t.request({ method: 'POST', url: '/api/auth/mfa/enroll', cookie: nurse.cookie });
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/confirm',
      cookie: nurse.cookie,
      payload: { otp: wrongOtp(start.json().secret) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorPaths(wrong)).toEqual(['body.otp']);
    const malformed = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/confirm',
      cookie: nurse.cookie,
      payload: { otp: 'abc' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(errorPaths(malformed)).toEqual(['body.otp']);
    expect((await findUserById(t.app.ctx.db, nurse.id))?.totpEnabled).toBe(false);
  });

  it('answers 401 without a session', async () => {
    expect((await t.request({ method: 'POST', url: '/api/auth/mfa/enroll' })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'POST', url: '/api/auth/mfa/confirm', payload: { otp: '123456' } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await t.request({ method: 'POST', url: '/api/auth/mfa/disable', payload: { password: PASSWORD } }))
        .statusCode,
    ).toBe(401);
  });

  it('an admin without TOTP may only reach its profile and enrolment until it enrols', async () => {
    const email = 'fresh-admin@example.org';
    const user = await createUser(t.app.ctx, SYSTEM_ACTOR, {
      email,
      name: 'Fresh Admin',
      roles: ['admin'],
      password: PASSWORD,
    });
    const cookie = await t.login(email);
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ mfaEnabled: false, mfaEnrollmentRequired: true });
    const users = await t.request({ method: 'GET', url: '/api/users', cookie });
    expect(users.statusCode).toBe(403);
    expect(users.json().code).toBe('mfa_enrollment_required');
    await enrol(cookie);
    expect((await t.request({ method: 'GET', url: '/api/users', cookie })).statusCode).toBe(200);
    const after = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expect(after.json()).toMatchObject({ id: user.id, mfaEnabled: true, mfaEnrollmentRequired: false });
  });
});

describe('POST /api/auth/mfa/disable', () => {
  it('is refused (409) when a role requires MFA', async () => {
    const admin = await t.userWithRoles(['admin']);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/disable',
      cookie: admin.cookie,
      payload: { password: PASSWORD },
    });
    expect(res.statusCode).toBe(409);
    expect((await findUserById(t.app.ctx.db, admin.id))?.totpEnabled).toBe(true);
  });

  it('needs the current password, then turns MFA off with an audit event', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    await enrol(nurse.cookie);
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/disable',
      cookie: nurse.cookie,
      payload: { password: 'not my password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorPaths(wrong)).toEqual(['body.password']);
    const missing = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/disable',
      cookie: nurse.cookie,
      payload: {},
    });
    expect(errorPaths(missing)).toEqual(['body.password']);
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/mfa/disable',
      cookie: nurse.cookie,
      payload: { password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(await auditOf(t.app.ctx.db, 'auth.mfa.disable', nurse.id)).toHaveLength(1);
    expect((await login(nurse.email)).statusCode).toBe(200);
  });
});
