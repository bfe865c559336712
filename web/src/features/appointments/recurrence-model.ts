/** The recurrence a booking form describes, as the RRULE the server reads. */

export type Recurrence = {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  count: number;
  /** Weekly only: weekdays 0 = Sunday … 6 = Saturday; empty means the weekday of the first appointment. */
  byDay: number[];
};

export const RECURRENCE_MAX_COUNT = 52;
const CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

export const DEFAULT_RECURRENCE: Recurrence = { freq: 'WEEKLY', interval: 1, count: 6, byDay: [] };

/** FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=MO,TH — Monday first, as the week starts. */
export function toRrule(r: Recurrence): string {
  const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`, `COUNT=${r.count}`];
  if (r.freq === 'WEEKLY' && r.byDay.length > 0) {
    const days = [...new Set(r.byDay)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    parts.push(`BYDAY=${days.map((d) => CODES[d]).join(',')}`);
  }
  return parts.join(';');
}

/** The weekday (0 = Sunday) of a local date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
