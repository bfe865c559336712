import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from '../../test/smtp-server.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths } from '../../test/test-queries.ts';
import { jobs } from '../jobs/jobs.schema.ts';
import { outboxMessages } from './outbox.schema.ts';
import { SEND_JOB } from './outbox.ts';

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
  doctor = await t.userWithRoles(['doctor']);
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

const configureSmtp = (port: number) =>
  t.request({
    method: 'PATCH',
    url: '/api/settings/system',
    cookie: admin.cookie,
    payload: {
      mail: { smtpHost: '127.0.0.1', smtpPort: port, smtpSecure: false, from: 'Clinic <clinic@example.org>' },
    },
  });

/** Asks for a password reset for a new user; returns the user and the queued message. */
async function queueReset() {
  const user = await t.userWithRoles(['nurse']);
  await t.request({
    method: 'POST',
    url: '/api/auth/password-reset/request',
    payload: { email: user.email },
  });
  const [message] = await t.app.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.to, user.email));
  return { user, message: message! };
}
const messageOf = async (id: string) =>
  (await t.app.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
const jobsOf = (messageId: string) =>
  t.app.ctx.db
    .select()
    .from(jobs)
    .where(sql`${jobs.kind} = ${SEND_JOB} and ${jobs.payload}->>'id' = ${messageId}`)
    .orderBy(jobs.createdAt);

describe('outbox', () => {
  it('holds email while no SMTP is configured, lists it, and sends it once SMTP is set', async () => {
    const { user, message } = await queueReset();
    expect(message.status).toBe('pending');
    await t.app.ctx.jobs.runDue();
    expect((await messageOf(message.id)).status).toBe('held');

    const held = await t.request({ method: 'GET', url: '/api/outbox?status=held', cookie: admin.cookie });
    expect(held.statusCode).toBe(200);
    expect(held.json().items.map((m: { id: string }) => m.id)).toEqual([message.id]);
    expect(
      (await t.request({ method: 'GET', url: '/api/outbox?status=sent', cookie: admin.cookie })).json().total,
    ).toBe(0);

    expect((await configureSmtp(smtp.port)).statusCode).toBe(200);
    expect((await messageOf(message.id)).status).toBe('pending');
    await t.app.ctx.jobs.runDue();
    const sent = await messageOf(message.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    const mail = smtp.received.find((m) => m.to.includes(user.email));
    const link = /http:\/\/\S+\/reset-password\?token=\S+/.exec(message.body)![0];
    expect(mail?.text).toContain(link);
  });

  it('sends at once when SMTP is already configured', async () => {
    const before = smtp.received.length;
    const { user, message } = await queueReset();
    await t.app.ctx.jobs.runDue();
    expect((await messageOf(message.id)).status).toBe('sent');
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([[user.email]]);
  });

  it('retries with backoff while SMTP is down, gives up after the last attempt, and can be retried by hand', async () => {
    await configureSmtp(await closedPort());
    const { user, message } = await queueReset();
    await t.app.ctx.jobs.runDue();
    const failed = await messageOf(message.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    const [job] = await jobsOf(message.id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now());
    await t.app.ctx.jobs.runDue(); // not due yet: left alone
    expect((await jobsOf(message.id))[0]).toMatchObject({ status: 'failed', attempts: 1 });

    for (let i = 1; i < job!.maxAttempts; i++) {
      await t.app.ctx.db
        .update(jobs)
        .set({ runAt: new Date(Date.now() - 1000) })
        .where(eq(jobs.id, job!.id));
      await t.app.ctx.jobs.runDue();
    }
    const [dead] = await jobsOf(message.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: job!.maxAttempts });
    expect((await messageOf(message.id)).attempts).toBe(job!.maxAttempts);

    await configureSmtp(smtp.port);
    const retried = await t.request({
      method: 'POST',
      url: `/api/jobs/${job!.id}/retry`,
      cookie: admin.cookie,
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', maxAttempts: job!.maxAttempts + 1 });
    expect(await auditOf(t.app.ctx.db, 'job.retry', job!.id)).toHaveLength(1);
    await t.app.ctx.jobs.runDue();
    expect((await messageOf(message.id)).status).toBe('sent');
    expect(smtp.received.some((m) => m.to.includes(user.email))).toBe(true);
    const again = await t.request({
      method: 'POST',
      url: `/api/jobs/${job!.id}/retry`,
      cookie: admin.cookie,
    });
    expect(again.statusCode).toBe(409);
  });

  it('POST /api/outbox/:id/retry sends a failed message again, and refuses a sent one', async () => {
    await configureSmtp(await closedPort());
    const { message } = await queueReset();
    await t.app.ctx.jobs.runDue();
    expect((await messageOf(message.id)).status).toBe('failed');
    await configureSmtp(smtp.port);
    const res = await t.request({
      method: 'POST',
      url: `/api/outbox/${message.id}/retry`,
      cookie: admin.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(await auditOf(t.app.ctx.db, 'outbox.retry', message.id)).toHaveLength(1);
    await t.app.ctx.jobs.runDue();
    expect((await messageOf(message.id)).status).toBe('sent');
    const sent = await t.request({
      method: 'POST',
      url: `/api/outbox/${message.id}/retry`,
      cookie: admin.cookie,
    });
    expect(sent.statusCode).toBe(409);
    expect(
      (await t.request({ method: 'POST', url: `/api/outbox/${randomUUID()}/retry`, cookie: admin.cookie }))
        .statusCode,
    ).toBe(404);
  });

  it('answers 401 without a session, 403 to a doctor, and 400 for a bad filter', async () => {
    const id = randomUUID();
    expect((await t.request({ method: 'GET', url: '/api/outbox' })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/outbox', cookie: doctor.cookie })).statusCode).toBe(
      403,
    );
    expect((await t.request({ method: 'POST', url: `/api/outbox/${id}/retry` })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'POST', url: `/api/outbox/${id}/retry`, cookie: doctor.cookie })).statusCode,
    ).toBe(403);
    const bad = await t.request({ method: 'GET', url: '/api/outbox?status=lost', cookie: admin.cookie });
    expect(errorPaths(bad)).toEqual(['query.status']);
    const malformed = await t.request({ method: 'POST', url: '/api/outbox/42/retry', cookie: admin.cookie });
    expect(errorPaths(malformed)).toEqual(['params.id']);
  });
});
