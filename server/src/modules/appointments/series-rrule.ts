/**
 * The RRULE subset a recurring follow-up uses (RFC 5545 syntax): FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL,
 * COUNT (at most 52) or UNTIL, and BYDAY (plain weekdays) with WEEKLY. Weeks start on Monday.
 * Occurrences are local dates; the caller puts the same wall-clock time on each, so they keep it across DST.
 */

export const MAX_OCCURRENCES = 52;

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

export type Rrule = {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  count: number | null;
  /** A local date (date-only UNTIL) or a UTC instant (UNTIL with time), inclusive. */
  until: { date: string } | { instant: Date } | null;
  /** Weekdays 0 = Sunday … 6 = Saturday, sorted; empty means the weekday of the first occurrence. */
  byDay: number[];
};

export class RruleError extends Error {}

const KEYS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'WKST']);

function parseUntil(value: string): Rrule['until'] {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) throw new RruleError('UNTIL must be a date (20260630) or a UTC time (20260630T235959Z)');
  const [, y, mo, d, h, mi, s, z] = m;
  const date = `${y}-${mo}-${d}`;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  if (new Date(ms).toISOString().slice(0, 10) !== date)
    throw new RruleError(`UNTIL ${value} is not a real date`);
  if (h === undefined) return { date };
  if (z !== 'Z') throw new RruleError('UNTIL with a time must be in UTC (end it with Z)');
  const instant = new Date(`${date}T${h}:${mi}:${s}Z`);
  if (Number.isNaN(instant.getTime())) throw new RruleError(`UNTIL ${value} is not a real time`);
  return { instant };
}

function positiveInt(key: string, value: string, max: number): number {
  if (!/^\d{1,4}$/.test(value)) throw new RruleError(`${key} must be a whole number`);
  const n = Number(value);
  if (n < 1 || n > max) throw new RruleError(`${key} must be between 1 and ${max}`);
  return n;
}

/** Parses "FREQ=WEEKLY;COUNT=6;BYDAY=MO,TH" (an "RRULE:" prefix is allowed); throws RruleError with the reason. */
export function parseRrule(text: string): Rrule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) throw new RruleError('is empty');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toUpperCase();
    const value =
      eq < 0
        ? ''
        : part
            .slice(eq + 1)
            .trim()
            .toUpperCase();
    if (!KEYS.has(key))
      throw new RruleError(`${key || part} is not supported (use FREQ, INTERVAL, COUNT, UNTIL, BYDAY)`);
    if (parts.has(key)) throw new RruleError(`${key} is given twice`);
    if (value === '') throw new RruleError(`${key} has no value`);
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (!freq) throw new RruleError('FREQ is required (DAILY, WEEKLY or MONTHLY)');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY')
    throw new RruleError(`FREQ=${freq} is not supported (use DAILY, WEEKLY or MONTHLY)`);
  const wkst = parts.get('WKST');
  if (wkst !== undefined && wkst !== 'MO') throw new RruleError('only WKST=MO is supported');
  const interval = parts.has('INTERVAL') ? positiveInt('INTERVAL', parts.get('INTERVAL') ?? '', 99) : 1;
  const countText = parts.get('COUNT');
  const untilText = parts.get('UNTIL');
  if (countText !== undefined && untilText !== undefined)
    throw new RruleError('give COUNT or UNTIL, not both');
  if (countText === undefined && untilText === undefined)
    throw new RruleError(`needs COUNT (at most ${MAX_OCCURRENCES}) or UNTIL`);
  const count = countText === undefined ? null : positiveInt('COUNT', countText, MAX_OCCURRENCES);
  const until = untilText === undefined ? null : parseUntil(untilText);
  const byDayText = parts.get('BYDAY');
  let byDay: number[] = [];
  if (byDayText !== undefined) {
    if (freq !== 'WEEKLY') throw new RruleError('BYDAY is supported with FREQ=WEEKLY only');
    const days = new Set<number>();
    for (const code of byDayText.split(',')) {
      const day = WEEKDAYS.indexOf(code.trim() as (typeof WEEKDAYS)[number]);
      if (day < 0) throw new RruleError(`BYDAY ${code} is not a weekday (MO, TU, WE, TH, FR, SA, SU)`);
      days.add(day);
    }
    byDay = [...days].sort((a, b) => a - b);
  }
  return { freq, interval, count, until, byDay };
}

// Local dates as day numbers since 1970-01-01 (calendar arithmetic without time zones).
const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Monday-based position in the week: Monday 0 … Sunday 6. */
const mondayIndex = (weekday: number) => (weekday + 6) % 7;

/** Candidate dates in order, from the first date on; stops itself after a generous bound. */
function* candidates(rule: Rrule, first: string): Generator<string> {
  const start = dayNumber(first);
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const BOUND = 1000;
  if (rule.freq === 'DAILY') {
    for (let k = 0; k < BOUND; k++) yield dateOf(start + k * rule.interval);
  } else if (rule.freq === 'MONTHLY') {
    for (let k = 0; k < BOUND; k++) {
      const month = m - 1 + k * rule.interval;
      const ms = Date.UTC(y, month, d);
      // Months without that day (the 31st, 29 February) are skipped, as RFC 5545 does.
      if (new Date(ms).getUTCDate() === d) yield dateOf(ms / DAY_MS);
    }
  } else {
    const weekday = new Date(start * DAY_MS).getUTCDay();
    const days = rule.byDay.length ? rule.byDay : [weekday];
    const monday = start - mondayIndex(weekday);
    const offsets = days.map(mondayIndex).sort((a, b) => a - b);
    for (let k = 0; k < BOUND; k++) {
      const weekStart = monday + k * 7 * rule.interval;
      for (const offset of offsets) if (weekStart + offset >= start) yield dateOf(weekStart + offset);
    }
  }
}

/**
 * The local dates of the series, the first date included (it must be one the rule produces). `instantOf`
 * turns a local date into the occurrence's start, for a UNTIL given as a UTC time. Throws RruleError when
 * the rule yields more than MAX_OCCURRENCES or does not include the first date.
 */
export function expandRrule(rule: Rrule, first: string, instantOf: (date: string) => Date): string[] {
  if (rule.byDay.length) {
    const weekday = new Date(dayNumber(first) * DAY_MS).getUTCDay();
    if (!rule.byDay.includes(weekday))
      throw new RruleError(`BYDAY must include the weekday of the first appointment (${WEEKDAYS[weekday]})`);
  }
  const until = rule.until;
  if (until && ('date' in until ? until.date < first : until.instant < instantOf(first)))
    throw new RruleError('UNTIL is before the first appointment');
  const dates: string[] = [];
  for (const date of candidates(rule, first)) {
    if (rule.count !== null && dates.length >= rule.count) break;
    if (until && ('date' in until ? date > until.date : instantOf(date) > until.instant)) break;
    if (dates.length >= MAX_OCCURRENCES)
      throw new RruleError(`yields more than ${MAX_OCCURRENCES} occurrences; use COUNT or an earlier UNTIL`);
    dates.push(date);
  }
  return dates;
}
