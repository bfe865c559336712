import { APPOINTMENT_TRANSITIONS, type Appointment, type AppointmentStatus } from '@carebase/contracts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishAppointmentChanged } from './appointment-events.ts';
import { cancelPendingReminders } from './appointment-reminders.repository.ts';
import { toAppointment } from './appointments.mapper.ts';
import {
  type AppointmentInsert,
  type AppointmentRow,
  findAppointmentView,
  lockAppointment,
  updateAppointment,
} from './appointments.repository.ts';

export type { AppointmentRow };

const VERBS: Record<AppointmentStatus, string> = {
  booked: 'book',
  checked_in: 'check in',
  in_consultation: 'start the consultation of',
  completed: 'complete',
  cancelled: 'cancel',
  no_show: 'mark as no-show',
};

const AUDIT_ACTIONS: Record<AppointmentStatus, string> = {
  booked: 'appointment.book',
  checked_in: 'appointment.check_in',
  in_consultation: 'appointment.start',
  completed: 'appointment.complete',
  cancelled: 'appointment.cancel',
  no_show: 'appointment.no_show',
};

/** The 409 of a transition the status machine does not allow, naming the current status. */
export function transitionRefused(from: AppointmentStatus, to: AppointmentStatus): AppError {
  return new AppError('conflict', `Cannot ${VERBS[to]} this appointment: its status is ${from}.`);
}

/** The row locked FOR UPDATE until the transaction ends, or 404. */
export async function lockAppointmentOr404(tx: Executor, id: string): Promise<AppointmentRow> {
  const row = await lockAppointment(tx, id);
  if (!row) throw new AppError('not_found', `appointment ${id} not found`);
  return row;
}

/**
 * Moves a locked row to `to` after checking the status machine; stamps the time column, cancels reminders
 * still pending (the patient is here, or will not come), audits and publishes. Runs in the caller's transaction.
 */
export async function applyTransition(
  tx: Executor,
  actor: ActorContext,
  row: AppointmentRow,
  to: AppointmentStatus,
  extra: Partial<AppointmentInsert> = {},
  details: Record<string, unknown> = {},
): Promise<AppointmentRow> {
  if (!APPOINTMENT_TRANSITIONS[row.status].includes(to)) throw transitionRefused(row.status, to);
  const now = new Date();
  const stamp: Partial<AppointmentInsert> =
    to === 'checked_in'
      ? { checkedInAt: now }
      : to === 'completed'
        ? { completedAt: now }
        : to === 'no_show'
          ? { noShowAt: now }
          : to === 'cancelled'
            ? { cancelledAt: now, cancelledBy: actor.actorId }
            : {};
  const updated = await updateAppointment(tx, row.id, { status: to, ...stamp, ...extra });
  const remindersCancelled = await cancelPendingReminders(tx, row.id);
  await writeAudit(tx, actor, {
    action: AUDIT_ACTIONS[to],
    resourceType: 'appointment',
    resourceId: row.id,
    patientId: row.patientId,
    details: { from: row.status, to, startsAt: row.startsAt.toISOString(), remindersCancelled, ...details },
  });
  await publishAppointmentChanged(tx, updated);
  return updated;
}

/**
 * For the queue: check-in, start, completion and no-show of an appointment. Locks the row, checks the
 * transition (409 naming the current status), stamps the time, audits and publishes, in `tx`.
 */
export async function transitionAppointment(
  tx: Executor,
  actor: ActorContext,
  id: string,
  to: 'checked_in' | 'in_consultation' | 'completed' | 'no_show',
): Promise<AppointmentRow> {
  const row = await lockAppointmentOr404(tx, id);
  return applyTransition(tx, actor, row, to);
}

/** The appointment with patient, provider, service and room names, or 404. No access check, no audit. */
export async function findAppointment(db: Executor, id: string): Promise<Appointment> {
  const view = await findAppointmentView(db, id);
  if (!view) throw new AppError('not_found', `appointment ${id} not found`);
  return toAppointment(view);
}
