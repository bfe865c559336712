import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../platform/outbox/outbox.schema.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

type Listed = { id: string; to: string; subject: string | null; body: string };

describe('GET /api/outbox', () => {
  it('shows password-reset and welcome emails with the link token redacted; the stored email keeps it', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: admin.cookie,
      payload: { email: 'outbox.welcome@example.org', name: 'Welcome Person', roles: ['nurse'] },
    });
    expect(created.statusCode).toBe(201);
    const nurse = await t.userWithRoles(['nurse'], 'outbox.reset@example.org');
    const requested = await t.request({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: nurse.email },
    });
    expect(requested.statusCode).toBe(200);
    const sent = await t.request({
      method: 'POST',
      url: `/api/users/${nurse.id}/password-reset`,
      cookie: admin.cookie,
    });
    expect(sent.statusCode).toBe(200);

    const stored = await t.app.ctx.db.select().from(outboxMessages);
    const mine = stored.filter((m) => m.to === 'outbox.welcome@example.org' || m.to === nurse.email);
    expect(mine).toHaveLength(3);
    const tokens = mine.map((m) => /\/reset-password\?token=(\S+)/.exec(m.body)?.[1]);
    expect(tokens.every((token) => token && token.length > 20)).toBe(true);

    const res = await t.request({ method: 'GET', url: '/api/outbox?pageSize=100', cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    for (const token of tokens) expect(res.body).not.toContain(token!);
    const listed = (res.json().items as Listed[]).filter((m) => mine.some((s) => s.id === m.id));
    expect(listed).toHaveLength(3);
    for (const message of listed) {
      expect(message.body).toContain(`${t.config.publicUrl}/reset-password?token=[redacted]`);
      // The rest of the message is shown as it is.
      const original = mine.find((m) => m.id === message.id)!;
      expect(message.body).toBe(original.body.replace(/token=\S+/, 'token=[redacted]'));
      expect(message.subject).toBe(original.subject);
    }
    expect(listed.map((m) => m.subject).sort()).toEqual([
      'Reset your Carebase password',
      'Reset your Carebase password',
      'Your Carebase account',
    ]);

    // What is sent still carries the working link.
    const [welcome] = await t.app.ctx.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, 'outbox.welcome@example.org'));
    expect(welcome?.body).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{20,}/);
  });
});
