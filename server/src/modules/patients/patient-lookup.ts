import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { normalizeName } from './patient-names.ts';
import { patientIdentifiers, patients } from './patients.schema.ts';

/** Which identifier another system's patient ID is compared with: the MRN, or one identifier type. */
export type IdentifierKind = 'mrn' | (typeof patientIdentifiers.$inferSelect)['type'];

/**
 * The patient (not merged away) whose MRN or identifier of the given type equals `value` exactly, or null.
 * Other systems (DICOM modalities, HL7 feeds) name patients this way.
 */
export async function findPatientByIdentifier(
  db: Executor,
  kind: IdentifierKind,
  value: string,
): Promise<string | null> {
  if (!value) return null;
  const [row] =
    kind === 'mrn'
      ? await db
          .select({ id: patients.id })
          .from(patients)
          .where(and(eq(patients.mrn, value), isNull(patients.mergedIntoId)))
      : await db
          .select({ id: patients.id })
          .from(patientIdentifiers)
          .innerJoin(patients, eq(patients.id, patientIdentifiers.patientId))
          .where(
            and(
              eq(patientIdentifiers.type, kind),
              eq(patientIdentifiers.value, value),
              isNull(patients.mergedIntoId),
            ),
          );
  return row?.id ?? null;
}

export type PatientSuggestion = { id: string; mrn: string; name: string; birthDate: string; score: number };

/**
 * Patients who may be the one another system names (by name, and birth date when it has one), best first:
 * for a person to choose from, never to link automatically.
 */
export async function suggestPatients(
  db: Executor,
  name: string,
  birthDate: string | null,
  limit = 5,
): Promise<PatientSuggestion[]> {
  const words = normalizeName(name);
  if (!words) return [];
  const similarity = sql<number>`word_similarity(${words}, ${patients.searchName})`;
  const sameBirth = birthDate ? sql`${patients.birthDate} = ${birthDate}::date` : sql`false`;
  const score = sql<number>`(${similarity} + case when ${sameBirth} then 0.5 else 0 end)::float8`;
  return db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      name: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
      birthDate: patients.birthDate,
      score,
    })
    .from(patients)
    .where(
      and(
        isNull(patients.mergedIntoId),
        // Both sides use an index: a shared name word, or the same birth date.
        sql`(${patients.nameWords} && string_to_array(${words}, ' ') or ${sameBirth})`,
        sql`(${similarity} > 0.4 or ${sameBirth})`,
      ),
    )
    .orderBy(sql`${score} desc`)
    .limit(limit);
}

export type PatientLabel = { name: string; mrn: string };

/** Name and MRN of each patient, for lists of other modules' rows that name patients. */
export async function patientLabels(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, PatientLabel>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      name: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
    })
    .from(patients)
    .where(inArray(patients.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, mrn: r.mrn }]));
}
