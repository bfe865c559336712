/**
 * Local wall-clock time ↔ UTC instants in an IANA time zone, with only Intl and Date.
 * A local date is 'YYYY-MM-DD'; a local time is minutes after local midnight (0…1440).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClockOf(instantMs: number, timeZone: string): WallClock {
  const parts = formatterOf(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The wall clock at an instant, written as if it were UTC: the "naive" local milliseconds. */
function naiveLocalMs(instantMs: number, timeZone: string): number {
  const w = wallClockOf(instantMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset of local time from UTC at an instant, in ms (New York in winter: −5 h). Whole seconds. */
export function offsetMsAt(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  return naiveLocalMs(whole, timeZone) - whole;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(date: string): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a local date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function naiveMsOf(date: string, minutes: number): number {
  const { year, month, day } = parseLocalDate(date);
  return Date.UTC(year, month - 1, day) + minutes * 60_000;
}

function formatNaiveDate(naiveMs: number): string {
  return new Date(naiveMs).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** The local date (YYYY-MM-DD) at an instant. */
export function localDateOf(instant: Date, timeZone: string): string {
  return formatNaiveDate(naiveLocalMs(Math.floor(instant.getTime() / 1000) * 1000, timeZone));
}

/** The local date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return formatNaiveDate(naiveMsOf(date, 0) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, of a local date. */
export function weekdayOf(date: string): number {
  return new Date(naiveMsOf(date, 0)).getUTCDay();
}

/** Every instant whose local wall clock reads `naiveMs`: none in a spring gap, two in an autumn overlap. */
function instantsAt(naiveMs: number, timeZone: string): number[] {
  const offsets = new Set([offsetMsAt(naiveMs - DAY_MS, timeZone), offsetMsAt(naiveMs + DAY_MS, timeZone)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = naiveMs - offset;
    if (naiveLocalMs(candidate, timeZone) === naiveMs) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The instant of a local date and time. An ambiguous time (autumn) takes its first occurrence.
 * A time that does not exist (spring gap) is skipped forward to the moment the clock jumps, which
 * is the first instant whose local time is later than it.
 */
export function zonedToUtc(date: string, minutes: number, timeZone: string): Date {
  const naiveMs = naiveMsOf(date, minutes);
  const [first] = instantsAt(naiveMs, timeZone);
  if (first !== undefined) return new Date(first);
  return new Date(gapEnd(naiveMs, timeZone));
}

/** True when the local time exists on that date (it is not inside a spring-forward gap). */
export function localTimeExists(date: string, minutes: number, timeZone: string): boolean {
  return instantsAt(naiveMsOf(date, minutes), timeZone).length > 0;
}

/** The transition instant of the gap that swallows `naiveMs`: binary search on the offset change. */
function gapEnd(naiveMs: number, timeZone: string): number {
  const before = offsetMsAt(naiveMs - DAY_MS, timeZone);
  const after = offsetMsAt(naiveMs + DAY_MS, timeZone);
  // Before the jump the clock reads earlier than naiveMs, after it later; search in whole seconds.
  let lo = Math.floor((naiveMs - after) / 1000);
  let hi = Math.ceil((naiveMs - before) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (naiveLocalMs(mid * 1000, timeZone) < naiveMs) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Minutes after midnight of 'HH:MM' or 'HH:MM:SS' (24:00 allowed), or null when malformed. */
export function minutesOf(time: string): number | null {
  const m = TIME_RE.exec(time);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? '0');
  if (min > 59 || s > 59 || h > 24 || (h === 24 && (min > 0 || s > 0))) return null;
  return h * 60 + min;
}

/** 'HH:MM' of minutes after midnight. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
