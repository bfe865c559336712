import { isoToZonedInput, zonedInputToIso } from '../../lib/format.ts';

/** The local date `days` after a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today's date on the clinic's clock. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return isoToZonedInput(now.toISOString(), timeZone).slice(0, 10);
}

export type TimeOffRange =
  | { allDay: true; startDate: string; endDate: string }
  | { allDay: false; startsAt: string; endsAt: string };

/**
 * The instants of a time-off form: whole days run from the first day's midnight to the midnight after
 * the last day, on the clinic's clock; otherwise the local date-times as typed. Null for what is missing.
 */
export function timeOffInstants(
  range: TimeOffRange,
  timeZone: string,
): { startsAt: string | null; endsAt: string | null } {
  if (range.allDay) {
    return {
      startsAt: range.startDate ? zonedInputToIso(`${range.startDate}T00:00`, timeZone) : null,
      endsAt: range.endDate ? zonedInputToIso(`${addDays(range.endDate, 1)}T00:00`, timeZone) : null,
    };
  }
  return {
    startsAt: range.startsAt ? zonedInputToIso(range.startsAt, timeZone) : null,
    endsAt: range.endsAt ? zonedInputToIso(range.endsAt, timeZone) : null,
  };
}
