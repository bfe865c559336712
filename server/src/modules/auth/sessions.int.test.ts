import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../platform/auth/auth.schema.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const me = (cookie: string) => t.request({ method: 'GET', url: '/api/auth/me', cookie });

async function sessionsOf(userId: string) {
  return t.app.ctx.db.select().from(sessions).where(eq(sessions.userId, userId));
}

describe('session lifetime', () => {
  it('a sign-in writes a session row and an audit event naming it', async () => {
    const user = await t.userWithRoles(['nurse']);
    const [session] = await sessionsOf(user.id);
    expect(session?.expiresAt.getTime()).toBeGreaterThan(Date.now() + t.config.sessionMaxMs - 60_000);
    expect(session?.tokenHash).not.toBe(user.cookie.split('=')[1]);
    const [event] = await auditOf(t.app.ctx.db, 'auth.login', session!.id);
    expect(event).toMatchObject({ actorId: user.id, outcome: 'success' });
  });

  it('logout ends the session with an audit event', async () => {
    const user = await t.userWithRoles(['nurse']);
    const [session] = await sessionsOf(user.id);
    expect(
      (await t.request({ method: 'POST', url: '/api/auth/logout', cookie: user.cookie })).statusCode,
    ).toBe(200);
    expect((await sessionsOf(user.id))[0]?.revokedAt).toBeInstanceOf(Date);
    expect(await auditOf(t.app.ctx.db, 'auth.logout', session!.id)).toHaveLength(1);
    expect((await t.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
  });

  it('ends after the idle timeout, and activity within it keeps it alive', async () => {
    const user = await t.userWithRoles(['nurse']);
    const idle = t.config.sessionIdleMs;
    const recent = new Date(Date.now() - idle + 120_000);
    await t.app.ctx.db.update(sessions).set({ lastSeenAt: recent }).where(eq(sessions.userId, user.id));
    expect((await me(user.cookie)).statusCode).toBe(200);
    const [touched] = await sessionsOf(user.id);
    expect(touched!.lastSeenAt.getTime()).toBeGreaterThan(recent.getTime());

    await t.app.ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - idle - 1000) })
      .where(eq(sessions.userId, user.id));
    // Rewinding last_seen_at stands in for time passing. No real write ever moves it back, and touches are
    // not announced, so the instance that cached the session is told here.
    t.app.ctx.credentialCache.clear();
    const res = await me(user.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('ends at its absolute lifetime even when in use', async () => {
    const user = await t.userWithRoles(['nurse']);
    await t.app.ctx.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() })
      .where(eq(sessions.userId, user.id));
    expect((await me(user.cookie)).statusCode).toBe(401);
  });

  it('honours a shorter configured idle timeout', async () => {
    const short = await createTestApp({ sessionIdleMs: 50 });
    try {
      const user = await short.userWithRoles(['nurse']);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(
        (await short.request({ method: 'GET', url: '/api/auth/me', cookie: user.cookie })).statusCode,
      ).toBe(401);
    } finally {
      await short.close();
    }
  });
});
