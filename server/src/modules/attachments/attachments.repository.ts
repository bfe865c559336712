import { and, desc, eq, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { BlobReference } from '../../platform/files/blob-gc.ts';
import { encounters } from '../encounters/encounters.schema.ts';
import { attachments } from './attachments.schema.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

export async function insertAttachment(
  db: Executor,
  row: typeof attachments.$inferInsert,
): Promise<AttachmentRow> {
  const [created] = await db.insert(attachments).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function findAttachment(db: Executor, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

const LIST_LIMIT = 500;

/** Newest first; withoutDrafts leaves out files linked to an encounter that is still a draft. */
export async function attachmentsOfPatient(
  db: Executor,
  patientId: string,
  opts: { withoutDrafts: boolean },
): Promise<AttachmentRow[]> {
  const drafts = db.select({ id: encounters.id }).from(encounters).where(eq(encounters.status, 'draft'));
  return db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.patientId, patientId),
        opts.withoutDrafts
          ? or(isNull(attachments.encounterId), notInArray(attachments.encounterId, drafts))
          : undefined,
      ),
    )
    .orderBy(desc(attachments.createdAt), desc(attachments.id))
    .limit(LIST_LIMIT);
}

export async function attachmentsOfEncounter(db: Executor, encounterId: string): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(eq(attachments.encounterId, encounterId))
    .orderBy(desc(attachments.createdAt), desc(attachments.id));
}

/** Every attachment's file, for the blob collector. */
export const ATTACHMENT_BLOB_REFERENCE: BlobReference = {
  name: 'attachments',
  select: sql`SELECT ${attachments.sha256} AS sha256 FROM ${attachments}`,
};
