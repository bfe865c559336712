import { currencyDigits, numberSeparators } from '../../lib/format.ts';

/** The decimal separator of a language: `.` in English, `,` in Spanish. */
export function decimalSeparator(language: string): string {
  return numberSeparators(language).decimal;
}

/** The largest cost the API accepts, in minor units. */
export const MAX_MINOR_UNITS = 1_000_000_000;

/**
 * A typed amount (`1,234.50`, `1.234,50`, `85`, `$ 85.00`) as integer minor units of the currency, or null when it
 * is not an amount: negative, more decimals than the currency has, or too large. A lone separator followed by
 * exactly three digits is a thousands separator unless it is the language's decimal separator.
 */
export function parseMoneyInput(text: string, currency: string, language: string): number | null {
  const digits = currencyDigits(currency);
  const cleaned = stripCurrency(text.replace(/[\s\u00a0\u202f]/g, ''), currency, language);
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(cleaned)) return null;
  const dots = cleaned.split('.').length - 1;
  const commas = cleaned.split(',').length - 1;
  let integer = cleaned;
  let fraction = '';
  const splitAt = (separator: string) => {
    const index = cleaned.lastIndexOf(separator);
    integer = cleaned.slice(0, index);
    fraction = cleaned.slice(index + 1);
  };
  if (dots > 0 && commas > 0) {
    // Both kinds: the last one is the decimal separator and the other groups thousands.
    const decimal = cleaned.lastIndexOf('.') > cleaned.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if (cleaned.split(decimal).length - 1 > 1) return null;
    splitAt(decimal);
    if (!isGrouped(integer, group)) return null;
    integer = integer.split(group).join('');
  } else if (dots + commas > 0) {
    const separator = dots > 0 ? '.' : ',';
    const count = dots + commas;
    const tail = cleaned.slice(cleaned.lastIndexOf(separator) + 1);
    const groupsThousands =
      count > 1 ||
      (tail.length === 3 && separator !== decimalSeparator(language) && cleaned[0] !== separator);
    if (groupsThousands) {
      if (!isGrouped(cleaned, separator)) return null;
      integer = cleaned.split(separator).join('');
    } else {
      splitAt(separator);
    }
  }
  if (fraction.length > digits) return null;
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction) || integer.length + fraction.length === 0)
    return null;
  const minor = Number(integer || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR_UNITS) return null;
  return minor;
}

/** The ways a currency may be written around an amount: `USD`, `US$`, `$`, `€`… */
function currencyMarks(currency: string, language: string): string[] {
  const marks = new Set<string>([currency.toUpperCase()]);
  for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
    for (const locale of [language, 'en']) {
      try {
        const part = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay })
          .formatToParts(1)
          .find((p) => p.type === 'currency');
        if (part) marks.add(part.value.toUpperCase());
      } catch {
        // an unknown currency code: only the code itself
      }
    }
  }
  return [...marks].sort((a, b) => b.length - a.length);
}

/** Drops one currency mark before or after the amount; anything else that is not part of a number stays. */
function stripCurrency(text: string, currency: string, language: string): string {
  let out = text.toUpperCase();
  for (const mark of currencyMarks(currency, language)) {
    if (out.startsWith(mark)) {
      out = out.slice(mark.length);
      break;
    }
  }
  for (const mark of currencyMarks(currency, language)) {
    if (out.endsWith(mark)) {
      out = out.slice(0, out.length - mark.length);
      break;
    }
  }
  return out;
}

/** `1,234,567` is grouped by `,` in threes; `12,34` is not. */
function isGrouped(text: string, separator: string): boolean {
  const groups = text.split(separator);
  return (
    groups.length > 0 &&
    /^\d{1,3}$/.test(groups[0] ?? '') &&
    groups.slice(1).every((group) => /^\d{3}$/.test(group))
  );
}

/** Minor units back to what the input shows (`123450` → `1234.50` in English, `1234,50` in Spanish). */
export function formatMoneyInput(minor: number, currency: string, language: string): string {
  const digits = currencyDigits(currency);
  const major = Math.trunc(minor / 10 ** digits);
  const fraction = String(minor % 10 ** digits).padStart(digits, '0');
  return digits > 0 ? `${major}${decimalSeparator(language)}${fraction}` : String(major);
}
