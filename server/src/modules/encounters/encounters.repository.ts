import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { icd10Codes } from '../icd10/icd10.schema.ts';
import { users } from '../users/users.schema.ts';
import {
  encounterAddenda,
  encounterDiagnoses,
  encounterProcedures,
  encounters,
} from './encounters.schema.ts';

export type EncounterRow = typeof encounters.$inferSelect;
export type DiagnosisRow = typeof encounterDiagnoses.$inferSelect & {
  description: string;
  descriptionEs: string | null;
};
export type ProcedureRow = typeof encounterProcedures.$inferSelect;
export type AddendumRow = typeof encounterAddenda.$inferSelect;

export async function insertEncounter(
  db: Executor,
  row: typeof encounters.$inferInsert,
): Promise<EncounterRow> {
  const [created] = await db.insert(encounters).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

/** forUpdate locks the row until the transaction ends, so an edit and a signature never interleave. */
export async function findEncounter(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<EncounterRow | undefined> {
  const query = db.select().from(encounters).where(eq(encounters.id, id));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateEncounter(
  db: Executor,
  id: string,
  patch: Partial<typeof encounters.$inferInsert>,
): Promise<EncounterRow> {
  const [row] = await db
    .update(encounters)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(encounters.id, id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function listEncounters(
  db: Executor,
  f: { patientId: string; signedOnly: boolean; page: number; pageSize: number },
): Promise<{ rows: EncounterRow[]; total: number }> {
  const where: SQL[] = [eq(encounters.patientId, f.patientId)];
  if (f.signedOnly) where.push(eq(encounters.status, 'signed'));
  const cond = and(...where);
  const rows = await db
    .select()
    .from(encounters)
    .where(cond)
    .orderBy(desc(encounters.startedAt), desc(encounters.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: count() }).from(encounters).where(cond);
  return { rows, total: total?.n ?? 0 };
}

/** Display names of users (providers, signers, authors), by id. */
export async function userNames(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function diagnosesOf(db: Executor, encounterIds: string[]): Promise<DiagnosisRow[]> {
  if (encounterIds.length === 0) return [];
  const rows = await db
    .select({
      d: encounterDiagnoses,
      description: icd10Codes.description,
      descriptionEs: icd10Codes.descriptionEs,
    })
    .from(encounterDiagnoses)
    .innerJoin(icd10Codes, eq(icd10Codes.code, encounterDiagnoses.code))
    .where(inArray(encounterDiagnoses.encounterId, encounterIds))
    .orderBy(asc(encounterDiagnoses.createdAt), asc(encounterDiagnoses.id));
  return rows.map((r) => ({ ...r.d, description: r.description, descriptionEs: r.descriptionEs }));
}

export async function insertDiagnosis(
  db: Executor,
  row: typeof encounterDiagnoses.$inferInsert,
): Promise<typeof encounterDiagnoses.$inferSelect> {
  const [created] = await db.insert(encounterDiagnoses).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function deleteDiagnosis(db: Executor, encounterId: string, id: string): Promise<string | null> {
  const [row] = await db
    .delete(encounterDiagnoses)
    .where(and(eq(encounterDiagnoses.id, id), eq(encounterDiagnoses.encounterId, encounterId)))
    .returning({ code: encounterDiagnoses.code });
  return row?.code ?? null;
}

export async function proceduresOf(db: Executor, encounterId: string): Promise<ProcedureRow[]> {
  return db
    .select()
    .from(encounterProcedures)
    .where(eq(encounterProcedures.encounterId, encounterId))
    .orderBy(asc(encounterProcedures.performedAt), asc(encounterProcedures.id));
}

export async function insertProcedure(
  db: Executor,
  row: typeof encounterProcedures.$inferInsert,
): Promise<ProcedureRow> {
  const [created] = await db.insert(encounterProcedures).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function deleteProcedure(db: Executor, encounterId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(encounterProcedures)
    .where(and(eq(encounterProcedures.id, id), eq(encounterProcedures.encounterId, encounterId)))
    .returning({ id: encounterProcedures.id });
  return rows.length > 0;
}

export async function addendaOf(db: Executor, encounterId: string): Promise<AddendumRow[]> {
  return db
    .select()
    .from(encounterAddenda)
    .where(eq(encounterAddenda.encounterId, encounterId))
    .orderBy(asc(encounterAddenda.createdAt), asc(encounterAddenda.id));
}

export async function insertAddendum(
  db: Executor,
  row: typeof encounterAddenda.$inferInsert,
): Promise<AddendumRow> {
  const [created] = await db.insert(encounterAddenda).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}
