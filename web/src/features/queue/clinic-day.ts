import { zonedInputToIso } from '../../lib/format.ts';
import { todayInZone } from '../patients/patient-age.ts';

/** The day after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Today in the clinic's time zone, as its date and the [from, to) instants of its local midnights. */
export function clinicDayRange(
  timeZone: string,
  now: Date = new Date(),
): { day: string; from: string; to: string } | null {
  const day = todayInZone(timeZone, now);
  const from = zonedInputToIso(day, timeZone);
  const to = zonedInputToIso(nextDate(day), timeZone);
  return from && to ? { day, from, to } : null;
}
