import { describe, expect, it } from 'vitest';
import { ageOn, ageUnit, todayInZone } from './patient-age.ts';

describe('ageOn', () => {
  it('completes a year on the birthday, not the day before', () => {
    expect(ageOn('1985-03-14', '2024-03-13')?.years).toBe(38);
    expect(ageOn('1985-03-14', '2024-03-14')?.years).toBe(39);
    expect(ageOn('1985-03-14', '2024-12-31')?.years).toBe(39);
  });

  it('treats 29 February birthdays as completed on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2023-02-28')?.years).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')?.years).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')?.years).toBe(24);
  });

  it('counts whole months and days for babies', () => {
    expect(ageOn('2024-01-31', '2024-02-29')).toEqual({ years: 0, months: 0, days: 29 });
    expect(ageOn('2024-01-15', '2024-03-14')).toEqual({ years: 0, months: 1, days: 59 });
    expect(ageOn('2024-01-15', '2024-03-15')).toEqual({ years: 0, months: 2, days: 60 });
    expect(ageOn('2024-05-01', '2024-05-01')).toEqual({ years: 0, months: 0, days: 0 });
  });

  it('refuses bad input and births after today', () => {
    expect(ageOn('1985-3-14', '2024-01-01')).toBeNull();
    expect(ageOn('2024-05-02', '2024-05-01')).toBeNull();
  });
});

describe('ageUnit', () => {
  it('says years from two, months below, days in the first month', () => {
    expect(ageUnit({ years: 39, months: 468, days: 14000 })).toEqual({ unit: 'years', count: 39 });
    expect(ageUnit({ years: 1, months: 23, days: 700 })).toEqual({ unit: 'months', count: 23 });
    expect(ageUnit({ years: 0, months: 0, days: 12 })).toEqual({ unit: 'days', count: 12 });
  });
});

describe('todayInZone', () => {
  it('is the clinic wall-clock date, not the UTC one', () => {
    const instant = new Date('2024-05-01T03:00:00Z');
    expect(todayInZone('UTC', instant)).toBe('2024-05-01');
    expect(todayInZone('America/Mexico_City', instant)).toBe('2024-04-30');
    expect(todayInZone('Pacific/Kiritimati', new Date('2024-05-01T11:00:00Z'))).toBe('2024-05-02');
  });
});

describe('calendarDateAsInstant', () => {
  it('pins a calendar date to midday UTC so that no zone shifts its day', async () => {
    const { calendarDateAsInstant } = await import('./patient-age.ts');
    expect(calendarDateAsInstant('1985-03-14')).toBe('1985-03-14T12:00:00Z');
    expect(calendarDateAsInstant('14/03/1985')).toBeNull();
  });
});
