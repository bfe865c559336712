import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import type { BlobReference } from '../../platform/files/blob-gc.ts';
import { imagingConflicts, imagingInstances, imagingSeries, imagingStudies } from './imaging.schema.ts';

export type StudyInsert = typeof imagingStudies.$inferInsert;
export type SeriesInsert = typeof imagingSeries.$inferInsert;
export type InstanceInsert = typeof imagingInstances.$inferInsert;
export type ConflictInsert = typeof imagingConflicts.$inferInsert;

export const IMAGING_BLOB_REFERENCES: BlobReference[] = [
  { name: 'imaging instances', select: sql`SELECT sha256 FROM imaging_instances` },
  {
    name: 'imaging originals',
    select: sql`SELECT original_sha256 AS sha256 FROM imaging_instances WHERE original_sha256 IS NOT NULL`,
  },
  // Resolved conflicts keep their file too: the row (and the audit trail) names it.
  { name: 'imaging conflicts', select: sql`SELECT sha256 FROM imaging_conflicts` },
];

/** Advisory locks of the imaging module take this first key; the second is a hash of what they guard. */
const IMAGING_LOCK_CLASS = 7301;

/**
 * Holds, until the transaction ends, the right to store this SOP Instance UID (two stores of one UID queue
 * here, so the second sees the first as a duplicate or conflict), and returns what is stored under it.
 */
export async function lockInstanceUid(db: Executor, sopInstanceUid: string) {
  const rows = await queryRows<{
    id: string;
    sha256: string;
    originalSha256: string | null;
    studyId: string;
  }>(
    db,
    sql`select i.id, i.sha256, i.original_sha256 as "originalSha256", i.study_id as "studyId"
        from (select pg_advisory_xact_lock(${IMAGING_LOCK_CLASS}, hashtext(${sopInstanceUid}))) l
        left join imaging_instances i on i.sop_instance_uid = ${sopInstanceUid}`,
  );
  const row = rows[0];
  return row?.id ? row : undefined;
}

/**
 * The study with this UID, inserting it when new. The insert does not lock an existing row, so stores into
 * one study never wait for each other; a study inserted by a transaction still open makes this one wait.
 */
export async function ensureStudy(db: Executor, row: StudyInsert): Promise<{ id: string; isNew: boolean }> {
  const [inserted] = await db
    .insert(imagingStudies)
    .values(row)
    .onConflictDoNothing({ target: imagingStudies.studyUid })
    .returning({ id: imagingStudies.id });
  if (inserted) return { id: inserted.id, isNew: true };
  const [existing] = await db
    .select({ id: imagingStudies.id })
    .from(imagingStudies)
    .where(eq(imagingStudies.studyUid, row.studyUid));
  if (!existing) throw new Error(`study ${row.studyUid} vanished while being stored into`);
  return { id: existing.id, isNew: false };
}

export async function ensureSeries(
  db: Executor,
  row: SeriesInsert,
): Promise<{ id: string; studyId: string }> {
  const [inserted] = await db
    .insert(imagingSeries)
    .values(row)
    .onConflictDoNothing({ target: imagingSeries.seriesUid })
    .returning({ id: imagingSeries.id, studyId: imagingSeries.studyId });
  if (inserted) return inserted;
  const [existing] = await db
    .select({ id: imagingSeries.id, studyId: imagingSeries.studyId })
    .from(imagingSeries)
    .where(eq(imagingSeries.seriesUid, row.seriesUid));
  if (!existing) throw new Error(`series ${row.seriesUid} vanished while being stored into`);
  return existing;
}

/** Inserts the instance unless its UID is already stored; returns its id, or undefined when it was. */
export async function insertInstance(db: Executor, row: InstanceInsert): Promise<string | undefined> {
  const [inserted] = await db
    .insert(imagingInstances)
    .values(row)
    .onConflictDoNothing({ target: imagingInstances.sopInstanceUid })
    .returning({ id: imagingInstances.id });
  return inserted?.id;
}

/** Keeps a conflicting file aside; the same content arriving again is one conflict, not two. */
export async function insertConflict(db: Executor, row: ConflictInsert): Promise<void> {
  await db.insert(imagingConflicts).values(row).onConflictDoNothing();
}

export async function studyPatient(db: Executor, studyId: string): Promise<string | null> {
  const [row] = await db
    .select({ patientId: imagingStudies.patientId })
    .from(imagingStudies)
    .where(eq(imagingStudies.id, studyId));
  return row?.patientId ?? null;
}
