import { zonedParts } from '../../lib/format.ts';

/** A completed age: whole years, whole months and days since birth. */
export interface Age {
  years: number;
  /** Whole months since birth (not months past the last birthday). */
  months: number;
  /** Days since birth. */
  days: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | null {
  const match = DATE.exec(date);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The age on a calendar day (both YYYY-MM-DD). A year is complete on the birthday itself; someone born on
 * 29 February completes it on 1 March in common years. Null for bad input or a birth after `today`.
 */
export function ageOn(birthDate: string, today: string): Age | null {
  const birth = parts(birthDate);
  const now = parts(today);
  if (!birth || !now) return null;
  const [by, bm, bd] = birth;
  const [ty, tm, td] = now;
  const days = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  if (Number.isNaN(days) || days < 0) return null;
  const beforeDayOfMonth = td < bd ? 1 : 0;
  const months = (ty - by) * 12 + (tm - bm) - beforeDayOfMonth;
  const years = Math.floor(months / 12);
  return { years, months, days };
}

/** Today's calendar date (YYYY-MM-DD) on the clinic's wall clock. */
export function todayInZone(timeZone: string, now: Date = new Date()): string {
  const p = zonedParts(now, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** How an age is best said: years from 2 on, months below that, days in the first month. */
export function ageUnit(age: Age): { unit: 'years' | 'months' | 'days'; count: number } {
  if (age.years >= 2) return { unit: 'years', count: age.years };
  if (age.months >= 1) return { unit: 'months', count: age.months };
  return { unit: 'days', count: age.days };
}

/**
 * A calendar date (YYYY-MM-DD: a birth date, a "since" date) in the user's date format. It is a day, not an
 * instant, so no time zone may move it to the day before.
 */
export function calendarDateAsInstant(date: string): string | null {
  return parts(date) ? `${date}T12:00:00Z` : null;
}
