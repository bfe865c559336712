import { EVENT_TYPES } from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { findPatientRef } from '../patients/patient-access.ts';

/**
 * Tells calendars, the front desk and the queue to refresh (staff with appointments:read), and the patient's
 * own portal page when the record is linked to an account. Delivered when the caller's transaction commits.
 */
export async function publishAppointmentChanged(
  tx: Executor,
  appointment: { id: string; patientId: string },
): Promise<void> {
  await publishEvent(tx, {
    type: EVENT_TYPES.appointmentChanged,
    permission: 'appointments:read',
    resourceId: appointment.id,
  });
  const { userId } = await findPatientRef(tx, appointment.patientId);
  if (userId) {
    await publishEvent(tx, {
      type: EVENT_TYPES.appointmentChanged,
      permission: 'portal:self',
      userId,
      resourceId: appointment.id,
    });
  }
}
