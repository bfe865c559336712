import type { SystemSettings } from '@carebase/contracts';
import type { Principal } from '../../platform/access/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findPatientIdByUser } from '../patients/patients.repository.ts';

/** Self-booking rules of the patient portal (portal:self without the staff permission). */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** True when the caller acts as a patient for this kind of access (staff permissions win). */
export function actsAsPatient(principal: Principal, need: 'read' | 'write'): boolean {
  return (
    !principal.permissions.includes(`appointments:${need}`) && principal.permissions.includes('portal:self')
  );
}

export function assertSelfBookingEnabled(settings: SystemSettings): void {
  if (!settings.appointments.selfBookingEnabled) {
    throw new AppError(
      'forbidden',
      'Online booking is turned off by the clinic: please call the front desk to book, move or cancel.',
    );
  }
}

/** The patient record linked to the caller's account; another id given by the caller is a 404. */
export async function ownPatientId(db: Executor, principal: Principal, asked?: string): Promise<string> {
  const own = await findPatientIdByUser(db, principal.userId);
  if (!own) throw new AppError('not_found', 'No patient record is linked to this account.');
  if (asked !== undefined && asked !== own) throw new AppError('not_found', 'patient not found');
  return own;
}

export function assertWithinMaxDaysAhead(startsAt: Date, settings: SystemSettings, path: string): void {
  const days = settings.appointments.selfBookingMaxDaysAhead;
  if (startsAt.getTime() > Date.now() + days * DAY)
    throw fieldError(
      path,
      `is more than ${days} days ahead: online booking is open up to ${days} days ahead`,
    );
}

/** Inside the cut-off before the start, a patient may no longer cancel or move online: 409 with the rule. */
export function assertBeforeCutoff(
  startsAt: Date,
  settings: SystemSettings,
  action: 'cancel' | 'move',
): void {
  const hours = settings.appointments.selfBookingCancelCutoffHours;
  if (startsAt.getTime() - Date.now() < hours * HOUR) {
    throw new AppError(
      'conflict',
      `Appointments can be ${action === 'cancel' ? 'cancelled' : 'moved'} online up to ${hours} hours before ` +
        'they start, and this one is closer than that: please call the front desk.',
    );
  }
}
