import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { imagingStudies, orthancLinks } from '../imaging.schema.ts';

export type OrthancLinkRow = typeof orthancLinks.$inferSelect;
export type OrthancLinkInsert = typeof orthancLinks.$inferInsert;
export type OrthancLinkChanges = Partial<
  Pick<OrthancLinkRow, 'name' | 'url' | 'username' | 'password' | 'followChanges' | 'lastChange'>
>;

export function listLinks(db: Executor): Promise<OrthancLinkRow[]> {
  return db.select().from(orthancLinks).orderBy(asc(orthancLinks.name), asc(orthancLinks.id));
}

export function followedLinks(db: Executor): Promise<OrthancLinkRow[]> {
  return db
    .select()
    .from(orthancLinks)
    .where(eq(orthancLinks.followChanges, true))
    .orderBy(asc(orthancLinks.id));
}

export async function findLink(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<OrthancLinkRow | undefined> {
  const query = db.select().from(orthancLinks).where(eq(orthancLinks.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertLink(db: Executor, row: OrthancLinkInsert): Promise<OrthancLinkRow> {
  const [inserted] = await db.insert(orthancLinks).values(row).returning();
  if (!inserted) throw new Error('the Orthanc link was not inserted');
  return inserted;
}

export async function updateLink(
  db: Executor,
  id: string,
  changes: OrthancLinkChanges,
): Promise<OrthancLinkRow> {
  const [row] = await db
    .update(orthancLinks)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(orthancLinks.id, id))
    .returning();
  if (!row) throw new Error(`Orthanc link ${id} vanished while being updated`);
  return row;
}

export async function deleteLink(db: Executor, id: string): Promise<void> {
  await db.delete(orthancLinks).where(eq(orthancLinks.id, id));
}

/**
 * Records how far the change feed was handled, unless the link has since been pointed elsewhere: the
 * sequence numbers of another Orthanc mean nothing to it.
 */
export async function saveProgress(db: Executor, id: string, url: string, lastChange: number): Promise<void> {
  await db
    .update(orthancLinks)
    .set({ lastChange })
    .where(and(eq(orthancLinks.id, id), eq(orthancLinks.url, url)));
}

export async function recordSync(db: Executor, id: string, lastError: string | null): Promise<void> {
  await db.update(orthancLinks).set({ lastSyncAt: sql`now()`, lastError }).where(eq(orthancLinks.id, id));
}

export async function recordReconcile(db: Executor, id: string, lastError: string | null): Promise<void> {
  await db
    .update(orthancLinks)
    .set({ lastReconcileAt: sql`now()`, ...(lastError ? { lastError } : {}) })
    .where(eq(orthancLinks.id, id));
}

/** Which of these Study Instance UIDs this archive holds. */
export async function storedStudyUids(db: Executor, studyUids: readonly string[]): Promise<Set<string>> {
  if (!studyUids.length) return new Set();
  const rows = await db
    .select({ studyUid: imagingStudies.studyUid })
    .from(imagingStudies)
    .where(inArray(imagingStudies.studyUid, [...studyUids]));
  return new Set(rows.map((r) => r.studyUid));
}
