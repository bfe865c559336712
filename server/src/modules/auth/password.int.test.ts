import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResetTokens } from '../../platform/auth/auth.schema.ts';
import { outboxMessages } from '../../platform/outbox/outbox.schema.ts';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { users } from '../users/users.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
});
afterAll(async () => t?.close());

const NEW_PASSWORD = 'lantern meadow quartz 91';

const me = (cookie: string) => t.request({ method: 'GET', url: '/api/auth/me', cookie });
const change = (cookie: string | undefined, currentPassword: string, newPassword: string) =>
  t.request({ method: 'POST', url: '/api/auth/password', cookie, payload: { currentPassword, newPassword } });

describe('POST /api/auth/password', () => {
  it('refuses bad input naming the field, and changes nothing', async () => {
    const user = await t.userWithRoles(['nurse']);
    const before = await snapshot(t.app.ctx.db, users);
    const cases: [string, string, string][] = [
      ['not the password', NEW_PASSWORD, 'body.currentPassword'],
      [PASSWORD, 'password1234', 'body.newPassword'],
      [PASSWORD, 'qwertyuiop123', 'body.newPassword'],
      [PASSWORD, 'short1!', 'body.newPassword'],
      [PASSWORD, PASSWORD, 'body.newPassword'],
    ];
    for (const [current, next, path] of cases) {
      const res = await change(user.cookie, current, next);
      expect(res.statusCode, next).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    const missing = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      cookie: user.cookie,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(errorPaths(missing)).toEqual(expect.arrayContaining(['body.currentPassword', 'body.newPassword']));
    expect(await snapshot(t.app.ctx.db, users)).toEqual(before);
    expect(await auditOf(t.app.ctx.db, 'auth.password.change', user.id)).toHaveLength(0);
  });

  it('answers 401 without a session', async () => {
    expect((await change(undefined, PASSWORD, NEW_PASSWORD)).statusCode).toBe(401);
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const user = await t.userWithRoles(['doctor']);
    const other = await t.login(user.email);
    const res = await change(user.cookie, PASSWORD, NEW_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect((await me(user.cookie)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect(await auditOf(t.app.ctx.db, 'auth.password.change', user.id)).toHaveLength(1);
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    await t.login(user.email, NEW_PASSWORD);
  });
});

/** The reset token carried by the newest email to this address. */
async function tokenMailedTo(email: string): Promise<string> {
  const rows = await t.app.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.to, email));
  const body = rows.at(-1)?.body ?? '';
  const match = /\/reset-password\?token=([^\s]+)/.exec(body);
  if (!match) throw new Error(`no reset link in ${body}`);
  return decodeURIComponent(match[1]!);
}

const requestReset = (email: string) =>
  t.request({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email } });
const confirmReset = (token: string, newPassword = NEW_PASSWORD) =>
  t.request({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, newPassword } });

describe('password reset', () => {
  it('answers ok for an unknown email and queues nothing', async () => {
    const before = await snapshot(t.app.ctx.db, outboxMessages);
    const res = await requestReset('nobody-here@example.org');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await snapshot(t.app.ctx.db, outboxMessages)).toEqual(before);
    const [event] = await auditOf(t.app.ctx.db, 'auth.password-reset.request');
    expect(event).toMatchObject({ actorEmail: 'nobody-here@example.org', outcome: 'failed' });
  });

  it('refuses a malformed email naming body.email', async () => {
    const res = await requestReset('not an email');
    expect(res.statusCode).toBe(400);
    expect(errorPaths(res)).toEqual(['body.email']);
  });

  it('emails a single-use link that sets a new password and ends sessions', async () => {
    const user = await t.userWithRoles(['nurse']);
    const res = await requestReset(user.email.toUpperCase());
    expect(res.json()).toEqual({ ok: true });
    const [mail] = await t.app.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email));
    expect(mail).toMatchObject({
      channel: 'email',
      status: 'pending',
      subject: 'Reset your Carebase password',
    });
    expect(await auditOf(t.app.ctx.db, 'auth.password-reset.request', user.id)).toHaveLength(1);
    const token = await tokenMailedTo(user.email);

    const weak = await confirmReset(token, 'password1234');
    expect(weak.statusCode).toBe(400);
    expect(errorPaths(weak)).toEqual(['body.newPassword']);

    expect((await confirmReset(token)).statusCode).toBe(200);
    expect((await me(user.cookie)).statusCode).toBe(401);
    await t.login(user.email, NEW_PASSWORD);
    expect(await auditOf(t.app.ctx.db, 'auth.password-reset.confirm', user.id)).toHaveLength(1);

    const again = await confirmReset(token, 'another fine passphrase 7');
    expect(again.statusCode).toBe(400);
    expect(errorPaths(again)).toEqual(['body.token']);
    await t.login(user.email, NEW_PASSWORD);
  });

  it('refuses an expired token and a made-up one', async () => {
    const user = await t.userWithRoles(['nurse']);
    await requestReset(user.email);
    const token = await tokenMailedTo(user.email);
    await t.app.ctx.db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.userId, user.id));
    const expired = await confirmReset(token);
    expect(expired.statusCode).toBe(400);
    expect(errorPaths(expired)).toEqual(['body.token']);
    const madeUp = await confirmReset('x'.repeat(43));
    expect(errorPaths(madeUp)).toEqual(['body.token']);
    const short = await confirmReset('abc');
    expect(errorPaths(short)).toEqual(['body.token']);
    await t.login(user.email, PASSWORD);
    expect(await auditOf(t.app.ctx.db, 'auth.password-reset.confirm', user.id)).toHaveLength(0);
  });

  it('only the newest link works: issuing one ends the others, and so does using one', async () => {
    const user = await t.userWithRoles(['nurse']);
    await requestReset(user.email);
    const first = await tokenMailedTo(user.email);
    await requestReset(user.email);
    const second = await tokenMailedTo(user.email);
    expect(second).not.toBe(first);
    // The probe's order: the newer link used, then the older one.
    expect((await confirmReset(second)).statusCode).toBe(200);
    const older = await confirmReset(first, 'another fine passphrase 7');
    expect(older.statusCode).toBe(400);
    expect(errorPaths(older)).toEqual(['body.token']);
    await t.login(user.email, NEW_PASSWORD);

    // The other order: the older link is dead as soon as a newer one is sent.
    const other = await t.userWithRoles(['nurse']);
    await requestReset(other.email);
    const a = await tokenMailedTo(other.email);
    await requestReset(other.email);
    const b = await tokenMailedTo(other.email);
    expect(errorPaths(await confirmReset(a))).toEqual(['body.token']);
    expect((await confirmReset(b)).statusCode).toBe(200);
    await t.login(other.email, NEW_PASSWORD);
    const live = await t.app.ctx.db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, other.id));
    expect(live.filter((r) => r.usedAt === null && r.expiresAt > new Date())).toEqual([]);
  });

  it('a password change ends every outstanding link', async () => {
    const user = await t.userWithRoles(['nurse']);
    await requestReset(user.email);
    const token = await tokenMailedTo(user.email);
    expect((await change(user.cookie, PASSWORD, NEW_PASSWORD)).statusCode).toBe(200);
    const res = await confirmReset(token, 'another fine passphrase 7');
    expect(res.statusCode).toBe(400);
    expect(errorPaths(res)).toEqual(['body.token']);
    await t.login(user.email, NEW_PASSWORD);
  });

  it('admin-sent reset and welcome links follow the same rule', async () => {
    const admin = await t.userWithRoles(['admin']);
    const created = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: admin.cookie,
      payload: { email: `welcome-${Date.now()}@example.org`, name: 'New Person', roles: ['nurse'] },
    });
    expect(created.statusCode).toBe(201);
    const { id, email } = created.json() as { id: string; email: string };
    const welcome = await tokenMailedTo(email);
    // The person asks for a reset before using the welcome link: only the reset link works.
    await requestReset(email);
    const own = await tokenMailedTo(email);
    expect(errorPaths(await confirmReset(welcome))).toEqual(['body.token']);
    // An administrator sends a reset link: the person's own link stops working.
    const sent = await t.request({
      method: 'POST',
      url: `/api/users/${id}/password-reset`,
      cookie: admin.cookie,
    });
    expect(sent.statusCode).toBe(200);
    const fromAdmin = await tokenMailedTo(email);
    expect(errorPaths(await confirmReset(own))).toEqual(['body.token']);
    expect((await confirmReset(fromAdmin)).statusCode).toBe(200);
    await t.login(email, NEW_PASSWORD);
  });

  it('deactivation ends the links, and reactivation does not bring them back', async () => {
    const admin = await t.userWithRoles(['admin']);
    const user = await t.userWithRoles(['nurse']);
    await requestReset(user.email);
    const token = await tokenMailedTo(user.email);
    const setActive = (active: boolean) =>
      t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin.cookie, payload: { active } });
    expect((await setActive(false)).statusCode).toBe(200);
    expect((await setActive(true)).statusCode).toBe(200);
    expect(errorPaths(await confirmReset(token))).toEqual(['body.token']);
    await t.login(user.email, PASSWORD);
  });

  it('two requests at once leave one working link; two links used at once never both work', async () => {
    const user = await t.userWithRoles(['nurse']);
    const sent = await Promise.all([requestReset(user.email), requestReset(user.email)]);
    expect(sent.map((r) => r.statusCode)).toEqual([200, 200]);
    const rows = await t.app.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email));
    const tokens = rows.map((r) => decodeURIComponent(/token=(\S+)/.exec(r.body)![1]!));
    expect(tokens).toHaveLength(2);
    const answers = await Promise.all(tokens.map((token) => confirmReset(token)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    await t.login(user.email, NEW_PASSWORD);
  });
});
