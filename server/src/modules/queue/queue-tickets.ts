import { EVENT_TYPES, type QueueTicket } from '@carebase/contracts';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { displayNameOf } from '../patients/patient-names.ts';
import * as repo from './queue.repository.ts';
import { estimateWaits, minutesBetween } from './queue-estimates.ts';

/** Queue rows as the API answers them, with waited minutes and, for waiting tickets, the estimated wait. */
export async function toTickets(db: Executor, rows: repo.QueueRow[], now: Date): Promise<QueueTicket[]> {
  const waitingRows = rows.filter((r) => r.status === 'waiting');
  const estimates = new Map<string, { ahead: number; minutes: number }>();
  for (const day of new Set(waitingRows.map((r) => r.day))) {
    const ofDay = waitingRows.filter((r) => r.day === day);
    const departmentKeys = [...new Set(ofDay.map((r) => r.departmentKey))];
    const providerIds = [...new Set(ofDay.flatMap((r) => (r.providerId ? [r.providerId] : [])))];
    const { waiting, medians } = await repo.waitInputs(db, { day, departmentKeys, providerIds });
    for (const [id, estimate] of estimateWaits(waiting, medians)) estimates.set(id, estimate);
  }
  return rows.map((r) => {
    const estimate = r.status === 'waiting' ? estimates.get(r.id) : undefined;
    return {
      id: r.id,
      ticket: r.ticket,
      ticketNumber: r.ticketNumber,
      day: r.day,
      departmentKey: r.departmentKey,
      patientId: r.patientId,
      patientName: displayNameOf(r),
      mrn: r.mrn,
      priority: r.priority,
      priorityReason: r.priorityReason,
      status: r.status,
      kind: r.kind,
      appointmentId: r.appointmentId,
      providerId: r.providerId,
      providerName: r.providerName,
      roomId: r.roomId,
      roomName: r.roomName,
      triageNote: r.triageNote,
      triaged: r.triagedBy !== null,
      encounterId: r.encounterId,
      arrivedAt: r.arrivedAt.toISOString(),
      calledAt: r.calledAt?.toISOString() ?? null,
      startedAt: r.startedAt?.toISOString() ?? null,
      doneAt: r.doneAt?.toISOString() ?? null,
      waitedMinutes: minutesBetween(r.arrivedAt, r.calledAt ?? now),
      ahead: estimate?.ahead ?? null,
      estimatedWaitMinutes: estimate?.minutes ?? null,
    };
  });
}

/** One ticket as the API answers it (after a change, inside its transaction). */
export async function loadTicket(db: Executor, id: string): Promise<QueueTicket> {
  const rows = await repo.queueRows(db, { visitId: id, limit: 1 });
  const [ticket] = await toTickets(db, rows, new Date());
  if (!ticket) throw new AppError('not_found', `visit ${id} not found`);
  return ticket;
}

/** Tells desks, doctors' panels and the displays of the department that its queue changed. */
export function publishQueueChanged(
  tx: Executor,
  visit: { id: string; departmentKey: string },
): Promise<void> {
  return publishEvent(tx, {
    type: EVENT_TYPES.queueChanged,
    permission: 'queue:read',
    resourceId: visit.id,
    department: visit.departmentKey,
  });
}

/** Another module's service that opens its own transaction runs inside ours (as a savepoint) through this. */
export function inTx<C extends { db: Db }>(ctx: C, tx: Tx): C {
  return { ...ctx, db: tx as unknown as Db };
}
