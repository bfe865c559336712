import { asc, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { patientIdentifiers, patients } from './patients.schema.ts';

/** The columns of an export that a search row does not carry. */
export function exportDetailsOf(db: Executor, ids: string[]) {
  return db
    .select({ id: patients.id, email: patients.email, createdAt: patients.createdAt })
    .from(patients)
    .where(inArray(patients.id, ids));
}

export function identifiersOfPatients(db: Executor, ids: string[]) {
  return db
    .select({
      patientId: patientIdentifiers.patientId,
      type: patientIdentifiers.type,
      value: patientIdentifiers.value,
    })
    .from(patientIdentifiers)
    .where(inArray(patientIdentifiers.patientId, ids))
    .orderBy(asc(patientIdentifiers.type), asc(patientIdentifiers.value));
}
