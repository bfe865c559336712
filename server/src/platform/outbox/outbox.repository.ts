import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import type { BlobReference } from '../files/blob-gc.ts';
import { outboxMessages } from './outbox.schema.ts';

export type OutboxRow = typeof outboxMessages.$inferSelect;

export async function insertMessage(
  db: Executor,
  row: typeof outboxMessages.$inferInsert,
): Promise<OutboxRow> {
  const [created] = await db.insert(outboxMessages).values(row).returning();
  return created!;
}

export async function findMessage(db: Executor, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}

export async function updateMessage(db: Executor, id: string, patch: Partial<OutboxRow>): Promise<void> {
  await db.update(outboxMessages).set(patch).where(eq(outboxMessages.id, id));
}

export async function listMessages(
  db: Executor,
  f: {
    status?: OutboxRow['status'] | undefined;
    channel?: OutboxRow['channel'] | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where: SQL[] = [];
  if (f.status) where.push(eq(outboxMessages.status, f.status));
  if (f.channel) where.push(eq(outboxMessages.channel, f.channel));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(cond)
    .orderBy(desc(outboxMessages.createdAt))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: count() }).from(outboxMessages).where(cond);
  return { rows, total: total?.n ?? 0 };
}

export function heldMessageIds(db: Executor, channel: OutboxRow['channel']) {
  return db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.channel, channel), inArray(outboxMessages.status, ['held'])));
}

/** Files kept for emails (sent ones too: a message can be sent again), for the blob collector. */
export const OUTBOX_BLOB_REFERENCE: BlobReference = {
  name: 'email attachments',
  select: sql`SELECT a ->> 'sha256' AS sha256
    FROM ${outboxMessages}, jsonb_array_elements(${outboxMessages.attachments}) AS a
    WHERE ${outboxMessages.attachments} IS NOT NULL`,
};
