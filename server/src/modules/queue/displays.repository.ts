import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { displayTokens } from './queue.schema.ts';

export type DisplayRow = typeof displayTokens.$inferSelect;

export async function insertDisplay(
  tx: Executor,
  row: typeof displayTokens.$inferInsert,
): Promise<DisplayRow> {
  const [created] = await tx.insert(displayTokens).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export function listDisplays(db: Executor): Promise<DisplayRow[]> {
  return db.select().from(displayTokens).orderBy(asc(displayTokens.departmentKey), asc(displayTokens.name));
}

export async function findDisplay(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<DisplayRow | undefined> {
  const query = db.select().from(displayTokens).where(eq(displayTokens.id, id));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findDisplayByHash(db: Executor, tokenHash: string): Promise<DisplayRow | undefined> {
  const [row] = await db.select().from(displayTokens).where(eq(displayTokens.tokenHash, tokenHash));
  return row;
}

export async function revokeDisplay(tx: Executor, id: string, at: Date): Promise<DisplayRow> {
  const [row] = await tx
    .update(displayTokens)
    .set({ revokedAt: at })
    .where(eq(displayTokens.id, id))
    .returning();
  if (!row) throw new Error(`display ${id} vanished`);
  return row;
}

/** Which of these displays have been revoked (or deleted): their sockets must close. */
export async function revokedAmong(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: displayTokens.id, revokedAt: displayTokens.revokedAt })
    .from(displayTokens)
    .where(inArray(displayTokens.id, ids));
  const live = new Set(rows.filter((r) => r.revokedAt === null).map((r) => r.id));
  return new Set(ids.filter((id) => !live.has(id)));
}
