import { eq } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { patients } from './patients.schema.ts';

export type PatientRef = { id: string; mrn: string; userId: string | null; mergedIntoId: string | null };

/** What part of a patient's data a request touches: demographics, or the clinical chart. */
export type PatientScope = 'demographics' | 'chart';

function isOwnRecord(principal: Principal, patient: PatientRef): boolean {
  return principal.permissions.includes('portal:self') && patient.userId === principal.userId;
}

/** Staff whose permission lets them read this part of any patient's data (the rule below, decided up front). */
export function readsAnyPatient(principal: Principal, scope: PatientScope): boolean {
  return principal.permissions.includes(scope === 'chart' ? 'chart:read' : 'patients:read');
}

/**
 * The one rule for reading a patient's data: staff by permission (receptionists hold patients:read but not
 * chart:read), a patient only their own record. Throws 404 rather than 403 for other patients' records
 * reached through the patient role, so the portal does not reveal which ids exist.
 */
export function assertCanRead(principal: Principal, patient: PatientRef, scope: PatientScope): void {
  if (isOwnRecord(principal, patient) || readsAnyPatient(principal, scope)) return;
  const needed = scope === 'chart' ? 'chart:read' : 'patients:read';
  if (principal.permissions.includes('portal:self')) throw new AppError('not_found', 'patient not found');
  throw new AppError('forbidden', `This needs the ${needed} permission.`);
}

/**
 * Loads the id, MRN, portal link and merge pointer of a patient, or 404. With `lock` (inside a transaction)
 * the row is held FOR KEY SHARE until commit, so a concurrent merge waits for the write, or the write sees it.
 */
export async function findPatientRef(
  db: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<PatientRef> {
  const query = db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      userId: patients.userId,
      mergedIntoId: patients.mergedIntoId,
    })
    .from(patients)
    .where(eq(patients.id, id));
  const [row] = opts.lock ? await query.for('key share') : await query;
  if (!row) throw new AppError('not_found', `patient ${id} not found`);
  return row;
}

/**
 * Checks access to a patient's data and writes the read audit event (rule 9: reading a patient's record is
 * audited). Use it at the start of every service function that returns patient data.
 */
export async function openPatientRecord(
  db: Executor,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  scope: PatientScope,
  what: string,
): Promise<PatientRef> {
  const patient = await findPatientRef(db, patientId);
  await auditRecordRead(db, principal, actor, patient, scope, what);
  return patient;
}

/**
 * The check and audit event of openPatientRecord, for a caller that has already read the patient's row
 * (with the rest of what it returns, in one statement): the event is written, success or denied, before any
 * data leaves. Outside a transaction the event's commit does not wait for the disk (writeReadAudit).
 */
export async function auditRecordRead(
  db: Executor,
  principal: Principal,
  actor: ActorContext,
  patient: PatientRef,
  scope: PatientScope,
  what: string,
): Promise<void> {
  const event = {
    action: `${what}.read`,
    resourceType: 'patient',
    resourceId: patient.id,
    patientId: patient.id,
  };
  try {
    assertCanRead(principal, patient, scope);
  } catch (err) {
    await writeReadAudit(db, actor, { ...event, outcome: 'denied' });
    throw err;
  }
  await writeReadAudit(db, actor, event);
}

/** Writes to the chart need chart:write (and a patient never writes clinical data). Merged records are read-only. */
export async function openChartForWrite(
  db: Executor,
  principal: Principal,
  patientId: string,
): Promise<PatientRef> {
  const patient = await findPatientRef(db, patientId, { lock: true });
  if (!principal.permissions.includes('chart:write'))
    throw new AppError('forbidden', 'This needs the chart:write permission.');
  if (patient.mergedIntoId) {
    throw new AppError(
      'conflict',
      `This record was merged into another (${patient.mergedIntoId}); write there.`,
    );
  }
  return patient;
}
