import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatMinutes,
  isValidTimeZone,
  localDateOf,
  localTimeExists,
  minutesOf,
  offsetMsAt,
  weekdayOf,
  zonedToUtc,
} from './zoned-time.ts';

const iso = (d: Date) => d.toISOString();
const H = 60;

describe('zonedToUtc on ordinary days', () => {
  it('applies the standard and the summer offset', () => {
    expect(iso(zonedToUtc('2026-01-15', 9 * H, 'America/New_York'))).toBe('2026-01-15T14:00:00.000Z');
    expect(iso(zonedToUtc('2026-07-15', 9 * H, 'America/New_York'))).toBe('2026-07-15T13:00:00.000Z');
    expect(iso(zonedToUtc('2026-01-15', 9 * H, 'Europe/Madrid'))).toBe('2026-01-15T08:00:00.000Z');
    expect(iso(zonedToUtc('2026-07-15', 9 * H, 'Europe/Madrid'))).toBe('2026-07-15T07:00:00.000Z');
  });

  it('treats 24:00 as midnight of the next day', () => {
    expect(iso(zonedToUtc('2026-01-15', 24 * H, 'Europe/Madrid'))).toBe('2026-01-15T23:00:00.000Z');
  });

  it('uses a fixed offset in a zone without daylight saving', () => {
    for (const date of ['2026-01-15', '2026-03-08', '2026-07-15', '2026-11-01']) {
      expect(iso(zonedToUtc(date, 9 * H, 'Asia/Manila'))).toBe(`${date}T01:00:00.000Z`);
      expect(localTimeExists(date, 2 * H + 30, 'Asia/Manila')).toBe(true);
    }
    expect(offsetMsAt(new Date('2026-03-08T07:00:00Z'), 'Asia/Manila')).toBe(8 * 3_600_000);
    expect(iso(zonedToUtc('2026-06-01', 0, 'UTC'))).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('America/New_York: spring forward on 2026-03-08 (02:00 → 03:00)', () => {
  const tz = 'America/New_York';
  it('keeps wall-clock times on either side of the gap', () => {
    expect(iso(zonedToUtc('2026-03-08', 1 * H + 59, tz))).toBe('2026-03-08T06:59:00.000Z');
    expect(iso(zonedToUtc('2026-03-08', 3 * H, tz))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(zonedToUtc('2026-03-08', 9 * H, tz))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(zonedToUtc('2026-03-08', 17 * H, tz))).toBe('2026-03-08T21:00:00.000Z');
  });

  it('skips times inside the gap forward to the jump', () => {
    expect(localTimeExists('2026-03-08', 2 * H + 30, tz)).toBe(false);
    expect(localTimeExists('2026-03-08', 2 * H, tz)).toBe(false);
    expect(iso(zonedToUtc('2026-03-08', 2 * H, tz))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(zonedToUtc('2026-03-08', 2 * H + 30, tz))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('makes the local day 23 hours long', () => {
    const start = zonedToUtc('2026-03-08', 0, tz).getTime();
    const end = zonedToUtc('2026-03-08', 24 * H, tz).getTime();
    expect((end - start) / 3_600_000).toBe(23);
  });
});

describe('America/New_York: fall back on 2026-11-01 (02:00 → 01:00)', () => {
  const tz = 'America/New_York';
  it('takes the first occurrence of an ambiguous time', () => {
    expect(localTimeExists('2026-11-01', 1 * H + 30, tz)).toBe(true);
    expect(iso(zonedToUtc('2026-11-01', 1 * H + 30, tz))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(zonedToUtc('2026-11-01', 1 * H, tz))).toBe('2026-11-01T05:00:00.000Z');
  });

  it('keeps wall-clock times after the change', () => {
    expect(iso(zonedToUtc('2026-11-01', 2 * H, tz))).toBe('2026-11-01T07:00:00.000Z');
    expect(iso(zonedToUtc('2026-11-01', 9 * H, tz))).toBe('2026-11-01T14:00:00.000Z');
  });

  it('makes the local day 25 hours long', () => {
    const start = zonedToUtc('2026-11-01', 0, tz).getTime();
    const end = zonedToUtc('2026-11-01', 24 * H, tz).getTime();
    expect((end - start) / 3_600_000).toBe(25);
  });
});

describe('Europe/Madrid transitions', () => {
  const tz = 'Europe/Madrid';
  it('skips the 02:00–03:00 gap on 2026-03-29', () => {
    expect(localTimeExists('2026-03-29', 2 * H + 15, tz)).toBe(false);
    expect(iso(zonedToUtc('2026-03-29', 2 * H + 15, tz))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedToUtc('2026-03-29', 1 * H + 59, tz))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(zonedToUtc('2026-03-29', 9 * H, tz))).toBe('2026-03-29T07:00:00.000Z');
  });

  it('takes the first 02:30 on 2026-10-25', () => {
    expect(iso(zonedToUtc('2026-10-25', 2 * H + 30, tz))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedToUtc('2026-10-25', 3 * H, tz))).toBe('2026-10-25T02:00:00.000Z');
    expect(iso(zonedToUtc('2026-10-25', 9 * H, tz))).toBe('2026-10-25T08:00:00.000Z');
  });
});

describe('local calendar helpers', () => {
  it('finds the local date of an instant', () => {
    expect(localDateOf(new Date('2026-03-08T04:30:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-03-08T05:30:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDateOf(new Date('2026-10-24T22:30:00Z'), 'Europe/Madrid')).toBe('2026-10-25');
  });

  it('adds days across month and year ends, and knows the weekday', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-03-08')).toBe(0);
    expect(weekdayOf('2026-03-14')).toBe(6);
  });

  it('parses and formats times of day', () => {
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('09:30:00')).toBe(570);
    expect(minutesOf('24:00')).toBe(1440);
    expect(minutesOf('24:01')).toBeNull();
    expect(minutesOf('9:30')).toBeNull();
    expect(minutesOf('12:60')).toBeNull();
    expect(formatMinutes(570)).toBe('09:30');
    expect(formatMinutes(1440)).toBe('24:00');
  });

  it('recognises zone names', () => {
    expect(isValidTimeZone('Europe/Madrid')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
