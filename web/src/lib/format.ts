import type { UserSettings } from '@carebase/contracts';

export type DateFormat = UserSettings['dateFormat'];

/** Everything a date needs to be shown: the user's language and date format, the clinic's time zone. */
export interface DateContext {
  language: string;
  timeZone: string;
  dateFormat: DateFormat;
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in a time zone. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormatter(timeZone).formatToParts(date)) {
    if (part.type in out) out[part.type as keyof ZonedParts] = Number(part.value);
  }
  return out;
}

/** Minutes to add to UTC to get the wall clock of `timeZone` at that instant (e.g. -300 for UTC-5). */
export function timeZoneOffsetMinutes(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const instant = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((asUtc - instant) / 60_000);
}

const pad = (value: number, length = 2) => String(Math.abs(value)).padStart(length, '0');

/** `-300` → `-05:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A wall-clock value typed into a date or datetime-local input (`2024-05-01T10:00`, or `2024-05-01`),
 * read in the clinic's time zone, as ISO 8601 with that zone's offset: `2024-05-01T10:00:00-05:00`.
 * Returns null for text that is not such a value.
 */
export function zonedInputToIso(local: string, timeZone: string): string | null {
  const match = LOCAL_INPUT.exec(local.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset depends on the instant; two passes settle it, also around DST changes.
  let offset = timeZoneOffsetMinutes(new Date(wallAsUtc), timeZone);
  offset = timeZoneOffsetMinutes(new Date(wallAsUtc - offset * 60_000), timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(offset)}`;
}

/** The other way: an ISO instant as `YYYY-MM-DDTHH:mm` on the wall clock of `timeZone`, for inputs. */
export function isoToZonedInput(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const p = zonedParts(date, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function datePart(p: ZonedParts, format: Exclude<DateFormat, 'locale'>): string {
  switch (format) {
    case 'iso':
      return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
    case 'dmy':
      return `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)}`;
    case 'mdy':
      return `${pad(p.month)}/${pad(p.day)}/${pad(p.year, 4)}`;
  }
}

/**
 * The locale dates and numbers are written in: the user's language as spoken in the clinic's country
 * (`en` in GB → `en-GB`: 7 Dec 2026, not Dec 7, 2026). Without a country, the language alone.
 */
export function regionalLocale(language: string, country: string | null | undefined): string {
  if (!country) return language;
  try {
    return Intl.getCanonicalLocales(`${language}-${country}`)[0] ?? language;
  } catch {
    return language;
  }
}

/**
 * The decimal and thousands separators of a locale: `.` and `,` in `en`, `,` and `.` in `es`. With a currency,
 * those of amounts of it, which can differ (`en-ES` writes 1.234,5 but €1,234.50).
 */
export function numberSeparators(locale: string, currency?: string): { decimal: string; group: string } {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency } : {});
  } catch {
    format = new Intl.NumberFormat(locale);
  }
  const parts = format.formatToParts(1_234_567.5);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/** A date and time, e.g. `May 1, 2024, 10:00 AM` (locale) or `2024-05-01 10:00` (iso). Empty for bad input. */
export function formatDateTime(value: string | Date, ctx: DateContext): string {
  const date = toDate(value);
  if (!date) return '';
  if (ctx.dateFormat === 'locale') {
    return new Intl.DateTimeFormat(ctx.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: ctx.timeZone,
    }).format(date);
  }
  const p = zonedParts(date, ctx.timeZone);
  return `${datePart(p, ctx.dateFormat)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A calendar date only, in the same conventions as formatDateTime. */
export function formatDate(value: string | Date, ctx: DateContext): string {
  const date = toDate(value);
  if (!date) return '';
  if (ctx.dateFormat === 'locale') {
    return new Intl.DateTimeFormat(ctx.language, { dateStyle: 'medium', timeZone: ctx.timeZone }).format(
      date,
    );
  }
  return datePart(zonedParts(date, ctx.timeZone), ctx.dateFormat);
}

/** The number of minor units in one major unit of a currency (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** Money is stored as integer minor units: `formatMoney(123456, 'USD', 'en')` → `$1,234.56`. */
export function formatMoney(minorUnits: number, currency: string, language: string): string {
  const digits = currencyDigits(currency);
  const major = minorUnits / 10 ** digits;
  try {
    return new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${currency}`;
  }
}

/** The browser's own time zone, the fallback until the clinic's is known. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
