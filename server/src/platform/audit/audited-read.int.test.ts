import { desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { auditEvents } from './audit.schema.ts';
import { verifyAuditChain } from './audit.verify.ts';
import { type ActorContext, SYSTEM_ACTOR, writeAudit } from './audit.writer.ts';
import { auditedRead } from './audited-read.ts';

let t: TestApp;
const emails = ['ar-a@example.org', 'ar-b@example.org', 'ar-c@example.org'];

beforeAll(async () => {
  t = await createTestApp();
  for (const email of emails) await t.userWithRoles(['nurse'], email);
});
afterAll(async () => t?.close());

const actor: ActorContext = {
  actorId: null,
  actorEmail: 'reader@example.org',
  ip: '203.0.113.9',
  userAgent: 'tests "quoted" \u00e9\u00e8 \u{1F600}',
  requestId: 'req-1',
};

const usersLike = (pattern: string) =>
  sql`select id, email from users where email like ${pattern} order by email desc`;

async function lastEvent() {
  const [row] = await t.app.ctx.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return row!;
}

describe('auditedRead', () => {
  it('returns the rows in order and logs the first `listed` ids, in that order, in a verifiable event', async () => {
    const rows = await auditedRead<{ id: string; email: string }>(t.app.ctx.db, actor, usersLike('ar-%'), {
      action: 'test.read',
      resourceType: 'user',
      details: { query: { q: 'ar-', note: 'ids-"\\ tricky' } },
      ids: { key: 'userIds', listed: 2 },
    });
    expect(rows.map((r) => r.email)).toEqual([...emails].reverse());
    expect(Object.keys(rows[0]!).sort()).toEqual(['email', 'id']);
    const event = await lastEvent();
    expect(event).toMatchObject({
      action: 'test.read',
      actorEmail: 'reader@example.org',
      outcome: 'success',
    });
    expect(event.details).toEqual({
      query: { q: 'ar-', note: 'ids-"\\ tricky' },
      userIds: [rows[0]!.id, rows[1]!.id],
    });
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });

  it('reads one record with an event known in advance, and writes none when asked to when nothing was found', async () => {
    const db = t.app.ctx.db;
    const entry = {
      action: 'test.record',
      resourceType: 'user',
      resourceId: 'r-1',
      details: { why: 'care' },
    };
    const [found] = await auditedRead<{ id: string; email: string }>(db, actor, usersLike('ar-a%'), {
      ...entry,
      onlyIfFound: true,
      prepare: true,
    });
    expect(found?.email).toBe('ar-a@example.org');
    expect(await lastEvent()).toMatchObject({ ...entry, actorEmail: 'reader@example.org' });
    const before = (await lastEvent()).id;
    const none = await auditedRead(db, actor, usersLike('nobody-%'), { ...entry, onlyIfFound: true });
    expect(none).toEqual([]);
    expect((await lastEvent()).id).toBe(before);
    // Without onlyIfFound a read that found nothing is still recorded.
    await auditedRead(db, actor, usersLike('nobody-%'), entry);
    expect((await lastEvent()).id).toBeGreaterThan(before);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('logs an empty list when nothing matched', async () => {
    const rows = await auditedRead(t.app.ctx.db, actor, usersLike('nobody-%'), {
      action: 'test.read',
      resourceType: 'user',
      details: {},
      ids: { key: 'userIds', listed: 25 },
    });
    expect(rows).toEqual([]);
    expect((await lastEvent()).details).toEqual({ userIds: [] });
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });

  it('keeps one intact chain when reads and ordinary events are appended in parallel', async () => {
    const before = (await lastEvent()).id;
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 3
          ? auditedRead(t.app.ctx.db, actor, usersLike('ar-%'), {
              action: 'test.read',
              resourceType: 'user',
              details: { i },
              ids: { key: 'userIds', listed: i % 4 },
            })
          : writeAudit(t.app.ctx.db, SYSTEM_ACTOR, {
              action: 'test.write',
              resourceType: 'user',
              details: { i },
            }),
      ),
    );
    expect((await lastEvent()).id - before).toBe(24);
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });
});
