import { DEFAULT_CONSULTATION_MINUTES } from '@carebase/contracts';

export type WaitingTicket = { id: string; departmentKey: string; providerId: string | null };
export type Medians = { byProvider: Map<string, number>; byDepartment: Map<string, number> };
export type Estimate = { ahead: number; minutes: number };

/**
 * Estimated waits of waiting tickets given in call order. A provider's ticket waits for that provider's own
 * tickets ahead of it and the unassigned ones of its department (the provider's call takes those too), at the
 * provider's median consultation length. An unassigned ticket waits for the unassigned ones ahead of it in its
 * department, at the department's median. Without history, DEFAULT_CONSULTATION_MINUTES.
 */
export function estimateWaits(waiting: readonly WaitingTicket[], medians: Medians): Map<string, Estimate> {
  const out = new Map<string, Estimate>();
  waiting.forEach((ticket, index) => {
    let ahead = 0;
    for (const earlier of waiting.slice(0, index)) {
      const unassignedHere = earlier.providerId === null && earlier.departmentKey === ticket.departmentKey;
      const sameProvider = ticket.providerId !== null && earlier.providerId === ticket.providerId;
      if (unassignedHere || sameProvider) ahead++;
    }
    const median =
      (ticket.providerId === null
        ? medians.byDepartment.get(ticket.departmentKey)
        : medians.byProvider.get(ticket.providerId)) ?? DEFAULT_CONSULTATION_MINUTES;
    out.set(ticket.id, { ahead, minutes: Math.round(ahead * median) });
  });
  return out;
}

/** Whole minutes from `from` to `to`, never negative. */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}

/** `A-012`: the department's prefix and the number padded to three digits (wider numbers stay whole). */
export function ticketLabel(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}
