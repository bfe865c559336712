import type { QueueTicket } from '@carebase/contracts';
import type { DateContext } from '../../lib/format.ts';

/** The time of day of an instant on the clinic's wall clock, in the user's language ("9:30 AM", "09:30"). */
export function formatTime(iso: string, ctx: Pick<DateContext, 'language' | 'timeZone'>): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(ctx.language, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: ctx.timeZone,
  }).format(date);
}

const ACTIVE = new Set<QueueTicket['status']>(['waiting', 'called', 'in_consultation', 'skipped']);

/** Tickets still part of the day's flow; done and no-show ones are history. */
export function isActiveTicket(ticket: Pick<QueueTicket, 'status'>): boolean {
  return ACTIVE.has(ticket.status);
}

/** A doctor's own tickets and the unassigned ones of the department, waiting, in the server's call order. */
export function waitingFor(items: readonly QueueTicket[], providerId: string): QueueTicket[] {
  return items.filter(
    (i) => i.status === 'waiting' && (i.providerId === providerId || i.providerId === null),
  );
}

/** What the doctor has in hand: called or in consultation with them. */
export function currentWith(items: readonly QueueTicket[], providerId: string): QueueTicket[] {
  return items.filter(
    (i) => (i.status === 'called' || i.status === 'in_consultation') && i.providerId === providerId,
  );
}

/** Minutes a ticket has waited: until it was called, or until `now` while it still waits. */
export function waitedMinutes(ticket: Pick<QueueTicket, 'arrivedAt' | 'calledAt'>, now: number): number {
  const end = ticket.calledAt ? Date.parse(ticket.calledAt) : now;
  return Math.max(0, Math.floor((end - Date.parse(ticket.arrivedAt)) / 60_000));
}

/** Where a doctor sees a ticket's patient: the visit's encounter, or the chart when none was opened. */
export function visitPath(ticket: Pick<QueueTicket, 'patientId' | 'encounterId'>): string {
  return ticket.encounterId
    ? `/patients/${ticket.patientId}/encounters/${ticket.encounterId}`
    : `/patients/${ticket.patientId}`;
}

/** The visit still under way (called or in consultation) for which this encounter was opened, if any. */
export function openVisitOf(items: readonly QueueTicket[], encounterId: string): QueueTicket | null {
  return (
    items.find(
      (i) => i.encounterId === encounterId && (i.status === 'called' || i.status === 'in_consultation'),
    ) ?? null
  );
}
