import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { patientAllergies, patients } from '../patients/patients.schema.ts';
import type { AllergyRecord } from './allergy-match.ts';
import { prescriptions } from './prescriptions.schema.ts';

export type PrescriptionRow = typeof prescriptions.$inferSelect;

export async function insertPrescriptions(
  db: Executor,
  rows: (typeof prescriptions.$inferInsert)[],
): Promise<PrescriptionRow[]> {
  return db.insert(prescriptions).values(rows).returning();
}

export async function findPrescription(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<PrescriptionRow | undefined> {
  const query = db.select().from(prescriptions).where(eq(prescriptions.id, id));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

const LIST_LIMIT = 500;

export async function prescriptionsOfPatient(
  db: Executor,
  patientId: string,
  status: 'active' | 'stopped' | undefined,
): Promise<PrescriptionRow[]> {
  return db
    .select()
    .from(prescriptions)
    .where(and(eq(prescriptions.patientId, patientId), status ? eq(prescriptions.status, status) : undefined))
    .orderBy(desc(prescriptions.createdAt), asc(prescriptions.id))
    .limit(LIST_LIMIT);
}

export async function prescriptionsOfEncounter(
  db: Executor,
  encounterId: string,
): Promise<PrescriptionRow[]> {
  return db
    .select()
    .from(prescriptions)
    .where(eq(prescriptions.encounterId, encounterId))
    .orderBy(asc(prescriptions.createdAt), asc(prescriptions.id));
}

export async function prescriptionsOfBatch(db: Executor, batchId: string): Promise<PrescriptionRow[]> {
  return db
    .select()
    .from(prescriptions)
    .where(eq(prescriptions.batchId, batchId))
    .orderBy(asc(prescriptions.createdAt), asc(prescriptions.id));
}

export async function markStopped(
  db: Executor,
  id: string,
  by: string | null,
  reason: string,
): Promise<PrescriptionRow> {
  const [row] = await db
    .update(prescriptions)
    .set({ status: 'stopped', stoppedAt: new Date(), stoppedBy: by, stopReason: reason })
    .where(eq(prescriptions.id, id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

// The patient registry owns these tables; until it offers a service for them, these two reads stay minimal.
export async function activeAllergiesOf(db: Executor, patientId: string): Promise<AllergyRecord[]> {
  return db
    .select({
      id: patientAllergies.id,
      substance: patientAllergies.substance,
      reaction: patientAllergies.reaction,
      severity: patientAllergies.severity,
    })
    .from(patientAllergies)
    .where(and(eq(patientAllergies.patientId, patientId), eq(patientAllergies.status, 'active')))
    .orderBy(asc(patientAllergies.recordedAt));
}

export async function patientHeader(db: Executor, patientId: string) {
  const [row] = await db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      middleName: patients.middleName,
      familyName: patients.familyName,
      suffix: patients.suffix,
      birthDate: patients.birthDate,
      sex: patients.sex,
    })
    .from(patients)
    .where(eq(patients.id, patientId));
  return row;
}
