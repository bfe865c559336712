import { randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import { patientAllergies, patients } from '../patients/patients.schema.ts';

/** Test data for the clinical-record tests: patients written straight to the registry's tables. */
export async function insertPatient(
  db: Executor,
  opts: { givenName?: string; familyName?: string; userId?: string; mergedIntoId?: string } = {},
): Promise<string> {
  const givenName = opts.givenName ?? 'Ana';
  const familyName = opts.familyName ?? 'Reyes';
  const [row] = await db
    .insert(patients)
    .values({
      mrn: `T-${randomBytes(5).toString('hex')}`,
      givenName,
      familyName,
      searchName: `${givenName} ${familyName}`.toLowerCase(),
      sex: 'female',
      birthDate: '1990-04-12',
      userId: opts.userId ?? null,
      mergedIntoId: opts.mergedIntoId ?? null,
    })
    .returning({ id: patients.id });
  if (!row) throw new Error('no patient inserted');
  return row.id;
}

export async function addAllergy(
  db: Executor,
  patientId: string,
  substance: string,
  opts: { severity?: 'mild' | 'moderate' | 'severe'; reaction?: string; status?: 'active' | 'inactive' } = {},
): Promise<void> {
  await db.insert(patientAllergies).values({
    patientId,
    substance,
    severity: opts.severity ?? 'severe',
    reaction: opts.reaction ?? 'anaphylaxis',
    status: opts.status ?? 'active',
  });
}

/** A portal account holding the patient role, linked to a new patient record. */
export async function portalPatient(t: TestApp): Promise<{ user: TestUser; patientId: string }> {
  const user = await t.userWithRoles(['patient']);
  const patientId = await insertPatient(t.app.ctx.db, { givenName: 'Pia', userId: user.id });
  return { user, patientId };
}
