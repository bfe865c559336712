import { describe, expect, it } from 'vitest';
import { clinicDayRange, nextDate } from './clinic-day.ts';

describe('clinicDayRange', () => {
  it("gives the clinic's local day and its two midnights, also on a daylight-saving day", () => {
    // 03:30 UTC on 10 March 2024 is still 9 March in Mexico City (UTC-6).
    expect(clinicDayRange('America/Mexico_City', new Date('2024-03-10T03:30:00Z'))).toEqual({
      day: '2024-03-09',
      from: '2024-03-09T00:00:00-06:00',
      to: '2024-03-10T00:00:00-06:00',
    });
    // New York springs forward on 10 March 2024: the day starts at -05:00 and ends at -04:00.
    expect(clinicDayRange('America/New_York', new Date('2024-03-10T15:00:00Z'))).toEqual({
      day: '2024-03-10',
      from: '2024-03-10T00:00:00-05:00',
      to: '2024-03-11T00:00:00-04:00',
    });
  });

  it('steps over month and year ends', () => {
    expect(nextDate('2024-02-29')).toBe('2024-03-01');
    expect(nextDate('2024-12-31')).toBe('2025-01-01');
  });
});
