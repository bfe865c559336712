import type { Principal } from '../../platform/access/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { openChartForWrite } from '../patients/patient-access.ts';
import { findUserById } from '../users/users.repository.ts';
import { loadAccount } from '../users/users.service.ts';
import { signedConflict } from './chart-write.ts';
import { type EncounterRow, findEncounter } from './encounters.repository.ts';

/** Loads and locks an encounter for a change to it or to what hangs off it, after checking chart:write. */
export async function lockEncounterForWrite(
  tx: Executor,
  principal: Principal,
  id: string,
): Promise<EncounterRow> {
  const row = await findEncounter(tx, id, { forUpdate: true });
  if (!row) throw new AppError('not_found', `encounter ${id} not found`);
  await openChartForWrite(tx, principal, row.patientId);
  return row;
}

export function assertDraft(row: EncounterRow): void {
  if (row.status === 'signed') throw signedConflict();
}

/** A patient reading their own record (through portal:self) rather than staff with chart:read. */
export function isPortalView(principal: Principal): boolean {
  return !principal.permissions.includes('chart:read');
}

/** Providers are active users whose role lets them write the chart. */
export async function assertClinician(db: Executor, userId: string, field: string): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user?.active) throw fieldError(field, 'is not an active user');
  const account = await loadAccount(db, user);
  if (!account.permissions.includes('chart:write'))
    throw fieldError(field, 'is not a clinician (a user whose role has chart:write)');
}

/** The encounter a new item (vitals, attachment) links to: one of this patient's, else a 400 naming the field. */
export async function encounterOfPatient(
  tx: Executor,
  patientId: string,
  encounterId: string,
  field: string,
): Promise<EncounterRow> {
  const row = await findEncounter(tx, encounterId, { forUpdate: true });
  if (!row || row.patientId !== patientId) throw fieldError(field, 'is not an encounter of this patient');
  return row;
}
