import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { patients } from '../patients/patients.schema.ts';
import { dentalChartEntries, dentalProcedures, dentalTreatmentPlans } from './dental.schema.ts';

export type ChartEntryRow = typeof dentalChartEntries.$inferSelect;
export type PlanRow = typeof dentalTreatmentPlans.$inferSelect;
export type ProcedureRow = typeof dentalProcedures.$inferSelect;

export async function insertChartEntry(
  db: Executor,
  row: typeof dentalChartEntries.$inferInsert,
): Promise<ChartEntryRow> {
  const [created] = await db.insert(dentalChartEntries).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

/** Every recording on the patient's teeth, oldest first. */
export function chartEntriesOf(db: Executor, patientId: string): Promise<ChartEntryRow[]> {
  return db
    .select()
    .from(dentalChartEntries)
    .where(eq(dentalChartEntries.patientId, patientId))
    .orderBy(asc(dentalChartEntries.seq));
}

/** One tooth's history, newest first. */
export function toothHistory(db: Executor, patientId: string, tooth: number): Promise<ChartEntryRow[]> {
  return db
    .select()
    .from(dentalChartEntries)
    .where(and(eq(dentalChartEntries.patientId, patientId), eq(dentalChartEntries.tooth, tooth)))
    .orderBy(desc(dentalChartEntries.seq));
}

export async function insertPlan(
  db: Executor,
  row: typeof dentalTreatmentPlans.$inferInsert,
): Promise<PlanRow> {
  const [created] = await db.insert(dentalTreatmentPlans).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function findPlan(db: Executor, id: string): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(dentalTreatmentPlans).where(eq(dentalTreatmentPlans.id, id));
  return row;
}

/** Newest plan first. */
export function plansOf(db: Executor, patientId: string): Promise<PlanRow[]> {
  return db
    .select()
    .from(dentalTreatmentPlans)
    .where(eq(dentalTreatmentPlans.patientId, patientId))
    .orderBy(desc(dentalTreatmentPlans.createdAt), desc(dentalTreatmentPlans.id));
}

export function proceduresOfPlans(db: Executor, planIds: string[]): Promise<ProcedureRow[]> {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(dentalProcedures)
    .where(inArray(dentalProcedures.planId, planIds))
    .orderBy(asc(dentalProcedures.position));
}

export async function nextProcedurePosition(db: Executor, planId: string): Promise<number> {
  const [row] = await db
    .select({ last: max(dentalProcedures.position) })
    .from(dentalProcedures)
    .where(eq(dentalProcedures.planId, planId));
  return (row?.last ?? 0) + 1;
}

export async function insertProcedure(
  db: Executor,
  row: typeof dentalProcedures.$inferInsert,
): Promise<ProcedureRow> {
  const [created] = await db.insert(dentalProcedures).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

/** The procedure, locked until the transaction ends so two status changes cannot interleave. */
export async function lockProcedure(db: Executor, id: string): Promise<ProcedureRow | undefined> {
  const [row] = await db.select().from(dentalProcedures).where(eq(dentalProcedures.id, id)).for('update');
  return row;
}

export async function updateProcedure(
  db: Executor,
  id: string,
  patch: Partial<typeof dentalProcedures.$inferInsert>,
): Promise<ProcedureRow> {
  const [row] = await db
    .update(dentalProcedures)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(dentalProcedures.id, id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export type PatientHeader = {
  givenName: string;
  middleName: string | null;
  familyName: string;
  suffix: string | null;
  mrn: string;
  birthDate: string;
  sex: string;
};

/** Name, MRN and birth date for the heading of a printed chart. */
export async function patientHeader(db: Executor, patientId: string): Promise<PatientHeader | undefined> {
  const [row] = await db
    .select({
      givenName: patients.givenName,
      middleName: patients.middleName,
      familyName: patients.familyName,
      suffix: patients.suffix,
      mrn: patients.mrn,
      birthDate: patients.birthDate,
      sex: patients.sex,
    })
    .from(patients)
    .where(eq(patients.id, patientId));
  return row;
}
