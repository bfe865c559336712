import { and, asc, desc, eq, gte, isNotNull, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { vitals } from './vitals.schema.ts';

export type VitalsRow = typeof vitals.$inferSelect;

export async function insertVitals(db: Executor, row: typeof vitals.$inferInsert): Promise<VitalsRow> {
  const [created] = await db.insert(vitals).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

/** The most recent `limit` readings in the range, returned oldest first. */
export async function vitalsInRange(
  db: Executor,
  f: { patientId: string; from?: Date | undefined; to?: Date | undefined; limit: number },
): Promise<VitalsRow[]> {
  const where: SQL[] = [eq(vitals.patientId, f.patientId)];
  if (f.from) where.push(gte(vitals.takenAt, f.from));
  if (f.to) where.push(lte(vitals.takenAt, f.to));
  const rows = await db
    .select()
    .from(vitals)
    .where(and(...where))
    .orderBy(desc(vitals.takenAt), desc(vitals.id))
    .limit(f.limit);
  return rows.reverse();
}

export async function vitalsOfEncounter(db: Executor, encounterId: string): Promise<VitalsRow[]> {
  return db
    .select()
    .from(vitals)
    .where(eq(vitals.encounterId, encounterId))
    .orderBy(asc(vitals.takenAt), asc(vitals.id));
}

export type MeasureColumn =
  | 'systolic'
  | 'diastolic'
  | 'heartRate'
  | 'respiratoryRate'
  | 'temperatureC'
  | 'spo2'
  | 'heightCm'
  | 'weightKg'
  | 'bmi'
  | 'painScore';

/** The latest reading of a patient with this measure recorded. */
export async function latestWith(
  db: Executor,
  patientId: string,
  measure: MeasureColumn,
  before?: Date,
): Promise<VitalsRow | undefined> {
  const column = vitals[measure];
  const [row] = await db
    .select()
    .from(vitals)
    .where(
      and(
        eq(vitals.patientId, patientId),
        isNotNull(column),
        before ? lte(vitals.takenAt, before) : undefined,
      ),
    )
    .orderBy(desc(vitals.takenAt), desc(vitals.id))
    .limit(1);
  return row;
}
