import { and, asc, eq, getTableColumns, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import type { BlobReference } from '../../platform/files/blob-gc.ts';
import { patientAllergies, patientConditions, patientIdentifiers, patients } from './patients.schema.ts';

export type PatientRow = typeof patients.$inferSelect;
export type PatientInsert = typeof patients.$inferInsert;
export type IdentifierRow = typeof patientIdentifiers.$inferSelect;
export type AllergyRow = typeof patientAllergies.$inferSelect;
export type ConditionRow = typeof patientConditions.$inferSelect;
export type IdentifierInput = Pick<IdentifierRow, 'type' | 'value'>;

export async function findPatientRow(db: Executor, id: string): Promise<PatientRow | undefined> {
  const [row] = await db.select().from(patients).where(eq(patients.id, id));
  return row;
}

type Recorded = { recordedAt: string };
const jsonList = (query: SQL) => sql`(select coalesce(json_agg(x), '[]'::json) from (${query}) x)`;

/** A row of patientRecordQuery: the patient's columns and its parts, as JSON. */
export type PatientRecordRow = {
  id: string;
  patient: Record<string, unknown>;
  identifiers: IdentifierRow[];
  allergies: (Omit<AllergyRow, 'recordedAt'> & Recorded)[];
  conditions: (Omit<ConditionRow, 'recordedAt'> & Recorded)[];
};

/**
 * One patient with its identifiers (by type and value), allergies and conditions (as recorded), in one row
 * of JSON columns, or no row: one statement, which can carry its audit event too (auditedRead).
 */
export function patientRecordQuery(id: string): SQL {
  return sql`select p.id, to_json(p) as patient,
    ${jsonList(sql`select i.id, i.patient_id as "patientId", i.type, i.value
      from ${patientIdentifiers} i where i.patient_id = p.id order by i.type, i.value`)} as identifiers,
    ${jsonList(sql`select a.id, a.patient_id as "patientId", a.substance, a.reaction, a.severity, a.status,
        a.recorded_at as "recordedAt", a.recorded_by as "recordedBy"
      from ${patientAllergies} a where a.patient_id = p.id order by a.recorded_at, a.id`)} as allergies,
    ${jsonList(sql`select c.id, c.patient_id as "patientId", c.name, c.icd10_code as "icd10Code", c.since, c.status,
        c.recorded_at as "recordedAt", c.recorded_by as "recordedBy"
      from ${patientConditions} c where c.patient_id = p.id order by c.recorded_at, c.id`)} as conditions
    from ${patients} p where p.id = ${id}`;
}

const patientColumns = Object.entries(getTableColumns(patients));

/** The typed row and parts of a patientRecordQuery row: each column read as the driver's value would be. */
export function partsOfRecord(record: PatientRecordRow): {
  row: PatientRow;
  identifiers: IdentifierRow[];
  allergies: AllergyRow[];
  conditions: ConditionRow[];
} {
  const row: Record<string, unknown> = {};
  for (const [key, column] of patientColumns) {
    const value = record.patient[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  const dated = <T extends Recorded>(r: T) => ({ ...r, recordedAt: new Date(r.recordedAt) });
  return {
    row: row as PatientRow,
    identifiers: record.identifiers,
    allergies: record.allergies.map(dated),
    conditions: record.conditions.map(dated),
  };
}

/** A patient's row with its parts, in one round trip. */
export async function findPatientWithParts(db: Executor, id: string) {
  const [record] = await queryRows<PatientRecordRow>(db, patientRecordQuery(id));
  return record ? partsOfRecord(record) : undefined;
}

/** One patient's record with its row locked as an edit locks it (see lockPatientRows), in one statement. */
export async function lockPatientWithParts(db: Executor, id: string) {
  const [record] = await queryRows<PatientRecordRow>(
    db,
    sql`${patientRecordQuery(id)} for no key update of p`,
  );
  return record ? partsOfRecord(record) : undefined;
}

/**
 * Locks the rows in id order (so two merges never deadlock) and returns them. An edit takes 'no key update',
 * which chart writes (FOR KEY SHARE) do not wait for; a merge takes 'update', which they do.
 */
export function lockPatientRows(
  db: Executor,
  ids: string[],
  strength: 'update' | 'no key update' = 'no key update',
): Promise<PatientRow[]> {
  return db.select().from(patients).where(inArray(patients.id, ids)).orderBy(asc(patients.id)).for(strength);
}

export async function insertPatient(db: Executor, row: PatientInsert): Promise<PatientRow> {
  const [created] = await db.insert(patients).values(row).returning();
  return created!;
}

export async function updatePatientRow(
  db: Executor,
  id: string,
  patch: Partial<PatientInsert>,
): Promise<PatientRow> {
  const [updated] = await db
    .update(patients)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(patients.id, id))
    .returning();
  return updated!;
}

/** The next number of the MRN sequence: never handed out twice, whatever runs concurrently. */
export async function nextMrnNumber(db: Executor): Promise<bigint> {
  const [row] = await queryRows<{ n: string }>(db, sql`select nextval('patient_mrn_seq')::text as n`);
  return BigInt(row!.n);
}

export async function replaceIdentifiers(
  db: Executor,
  patientId: string,
  list: IdentifierInput[],
): Promise<void> {
  await db.delete(patientIdentifiers).where(eq(patientIdentifiers.patientId, patientId));
  await insertIdentifiers(db, patientId, list);
}

/** The identifiers of a patient who has none yet. */
export async function insertIdentifiers(
  db: Executor,
  patientId: string,
  list: IdentifierInput[],
): Promise<void> {
  if (list.length) await db.insert(patientIdentifiers).values(list.map((i) => ({ ...i, patientId })));
}

/** Identifiers among `list` already held by another patient than `exceptPatientId`. */
export function identifiersTaken(
  db: Executor,
  list: IdentifierInput[],
  exceptPatientId?: string,
): Promise<IdentifierRow[]> {
  if (list.length === 0) return Promise.resolve([]);
  const wanted = or(
    ...list.map((i) => and(eq(patientIdentifiers.type, i.type), eq(patientIdentifiers.value, i.value))),
  ) as SQL;
  return db
    .select()
    .from(patientIdentifiers)
    .where(exceptPatientId ? and(wanted, ne(patientIdentifiers.patientId, exceptPatientId)) : wanted);
}

export async function findPatientIdByUser(db: Executor, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ id: patients.id }).from(patients).where(eq(patients.userId, userId));
  return row?.id;
}

export function insertAllergies(
  db: Executor,
  rows: (typeof patientAllergies.$inferInsert)[],
): Promise<AllergyRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insert(patientAllergies).values(rows).returning();
}

export function insertConditions(
  db: Executor,
  rows: (typeof patientConditions.$inferInsert)[],
): Promise<ConditionRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insert(patientConditions).values(rows).returning();
}

export async function findAllergy(
  db: Executor,
  patientId: string,
  id: string,
): Promise<AllergyRow | undefined> {
  const [row] = await db
    .select()
    .from(patientAllergies)
    .where(and(eq(patientAllergies.id, id), eq(patientAllergies.patientId, patientId)))
    .for('update');
  return row;
}

export async function updateAllergy(
  db: Executor,
  id: string,
  patch: Partial<typeof patientAllergies.$inferInsert>,
): Promise<AllergyRow> {
  const [row] = await db.update(patientAllergies).set(patch).where(eq(patientAllergies.id, id)).returning();
  return row!;
}

export async function findCondition(
  db: Executor,
  patientId: string,
  id: string,
): Promise<ConditionRow | undefined> {
  const [row] = await db
    .select()
    .from(patientConditions)
    .where(and(eq(patientConditions.id, id), eq(patientConditions.patientId, patientId)))
    .for('update');
  return row;
}

export async function updateCondition(
  db: Executor,
  id: string,
  patch: Partial<typeof patientConditions.$inferInsert>,
): Promise<ConditionRow> {
  const [row] = await db.update(patientConditions).set(patch).where(eq(patientConditions.id, id)).returning();
  return row!;
}

/** Patients' photos, for the blob collector. */
export const PHOTO_BLOB_REFERENCE: BlobReference = {
  name: 'patient photos',
  select: sql`SELECT ${patients.photoSha256} AS sha256 FROM ${patients} WHERE ${patients.photoSha256} IS NOT NULL`,
};
