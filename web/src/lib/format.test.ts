import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  formatDate,
  formatDateTime,
  formatMoney,
  formatOffset,
  isoToZonedInput,
  numberSeparators,
  regionalLocale,
  timeZoneOffsetMinutes,
  zonedInputToIso,
} from './format.ts';

const instant = '2024-05-01T15:30:00Z';

describe('formatDateTime', () => {
  it('uses the clinic time zone, not the browser one', () => {
    const ctx = { language: 'en', timeZone: 'America/Mexico_City', dateFormat: 'iso' } as const;
    expect(formatDateTime(instant, ctx)).toBe('2024-05-01 09:30');
    expect(formatDateTime(instant, { ...ctx, timeZone: 'Asia/Tokyo' })).toBe('2024-05-02 00:30');
  });

  it('follows the user date format', () => {
    const ctx = { language: 'en', timeZone: 'UTC' } as const;
    expect(formatDateTime(instant, { ...ctx, dateFormat: 'dmy' })).toBe('01/05/2024 15:30');
    expect(formatDateTime(instant, { ...ctx, dateFormat: 'mdy' })).toBe('05/01/2024 15:30');
    expect(formatDate(instant, { ...ctx, dateFormat: 'iso' })).toBe('2024-05-01');
  });

  it('uses the language conventions for the locale format', () => {
    const en = formatDateTime(instant, { language: 'en', timeZone: 'UTC', dateFormat: 'locale' });
    const es = formatDateTime(instant, { language: 'es', timeZone: 'UTC', dateFormat: 'locale' });
    expect(en).toMatch(/May 1, 2024/);
    expect(es).toMatch(/1 may 2024/);
    expect(formatDate(instant, { language: 'es', timeZone: 'UTC', dateFormat: 'locale' })).toMatch(
      /1 may 2024/,
    );
  });

  it('returns an empty string for text that is not a date', () => {
    expect(formatDateTime('nope', { language: 'en', timeZone: 'UTC', dateFormat: 'iso' })).toBe('');
  });
});

describe('time zone conversions', () => {
  it('knows offsets, also across daylight saving time', () => {
    expect(timeZoneOffsetMinutes(new Date('2024-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(timeZoneOffsetMinutes(new Date('2024-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(timeZoneOffsetMinutes(new Date('2024-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(formatOffset(-300)).toBe('-05:00');
    expect(formatOffset(330)).toBe('+05:30');
    expect(formatOffset(0)).toBe('+00:00');
  });

  it('reads a typed wall-clock time in the clinic zone as ISO with offset', () => {
    expect(zonedInputToIso('2024-05-01T10:00', 'America/Mexico_City')).toBe('2024-05-01T10:00:00-06:00');
    expect(zonedInputToIso('2024-01-15T08:15', 'America/New_York')).toBe('2024-01-15T08:15:00-05:00');
    expect(zonedInputToIso('2024-07-15T08:15', 'America/New_York')).toBe('2024-07-15T08:15:00-04:00');
    expect(zonedInputToIso('2024-07-15', 'UTC')).toBe('2024-07-15T00:00:00+00:00');
    expect(zonedInputToIso('2024-07-15T23:59:59', 'Asia/Kolkata')).toBe('2024-07-15T23:59:59+05:30');
    expect(zonedInputToIso('yesterday', 'UTC')).toBeNull();
  });

  it('gives the same instant back', () => {
    const iso = zonedInputToIso('2024-11-03T12:45', 'Europe/Madrid');
    expect(iso).not.toBeNull();
    expect(isoToZonedInput(iso!, 'Europe/Madrid')).toBe('2024-11-03T12:45');
    expect(new Date(iso!).toISOString()).toBe('2024-11-03T11:45:00.000Z');
    expect(isoToZonedInput('not a date', 'UTC')).toBe('');
  });
});

describe('formatMoney', () => {
  it('formats integer minor units in the currency', () => {
    expect(formatMoney(123456, 'USD', 'en')).toBe('$1,234.56');
    expect(formatMoney(-500, 'USD', 'en')).toBe('-$5.00');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(1234, 'KWD', 'en')).toMatch(/1\.234/);
    expect(formatMoney(123456, 'MXN', 'es').replace(/\s/g, ' ')).toBe('1234,56 MXN');
    expect(formatMoney(12345678, 'EUR', 'es').replace(/\s/g, ' ')).toBe('123.456,78 €');
  });

  it('knows how many minor units each currency has', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('???')).toBe(2);
  });
});

describe('regionalLocale', () => {
  it("writes the user's language as the clinic's country does", () => {
    const ctx = (language: string) => ({ language, timeZone: 'UTC', dateFormat: 'locale' as const });
    expect(regionalLocale('en', 'GB')).toBe('en-GB');
    expect(formatDate(instant, ctx(regionalLocale('en', 'GB')))).toBe('1 May 2024');
    expect(formatDate(instant, ctx(regionalLocale('en', 'US')))).toBe('May 1, 2024');
    expect(formatMoney(123456, 'MXN', regionalLocale('es', 'MX'))).toBe('$1,234.56');
    expect(regionalLocale('es', null)).toBe('es');
    expect(regionalLocale('es', 'not a region')).toBe('es');
  });
});

describe('numberSeparators', () => {
  it('gives the decimal and thousands separators numbers are typed with in a locale', () => {
    expect(numberSeparators('en')).toEqual({ decimal: '.', group: ',' });
    expect(numberSeparators('es')).toEqual({ decimal: ',', group: '.' });
    expect(numberSeparators('es-MX')).toEqual({ decimal: '.', group: ',' });
    expect(numberSeparators('en-PH')).toEqual({ decimal: '.', group: ',' });
  });

  it('gives those of amounts when a currency is named, as money is shown with them', () => {
    expect(numberSeparators('en-ES')).toEqual({ decimal: ',', group: '.' });
    expect(numberSeparators('en-ES', 'EUR')).toEqual({ decimal: '.', group: ',' });
    expect(numberSeparators('es-ES', 'EUR')).toEqual({ decimal: ',', group: '.' });
    expect(numberSeparators('en', 'not a currency')).toEqual({ decimal: '.', group: ',' });
  });
});
