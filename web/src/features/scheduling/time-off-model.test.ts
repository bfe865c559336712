import { describe, expect, it } from 'vitest';
import { addDays, timeOffInstants, todayIn } from './time-off-model.ts';

describe('time off dates', () => {
  it('adds days across month ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('knows today on the clinic clock', () => {
    const late = new Date('2026-03-08T03:30:00Z');
    expect(todayIn('America/New_York', late)).toBe('2026-03-07');
    expect(todayIn('Asia/Manila', late)).toBe('2026-03-08');
  });

  it('turns whole days into midnight-to-midnight instants, across a DST change', () => {
    expect(
      timeOffInstants({ allDay: true, startDate: '2026-03-07', endDate: '2026-03-08' }, 'America/New_York'),
    ).toEqual({ startsAt: '2026-03-07T00:00:00-05:00', endsAt: '2026-03-09T00:00:00-04:00' });
  });

  it('keeps typed date-times on the clinic clock, and null for blanks', () => {
    expect(
      timeOffInstants({ allDay: false, startsAt: '2026-07-01T09:30', endsAt: '' }, 'Europe/Madrid'),
    ).toEqual({ startsAt: '2026-07-01T09:30:00+02:00', endsAt: null });
  });
});
