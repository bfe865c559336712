import { describe, expect, it } from 'vitest';
import { latestDueTime } from './backup-schedule.ts';

describe('latestDueTime', () => {
  it("is the latest of today's or yesterday's times that has passed, in the clinic's zone", () => {
    const now = new Date('2026-12-07T10:00:00Z');
    expect(latestDueTime(['02:00', '14:00'], 'UTC', now)?.toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(latestDueTime(['14:00'], 'UTC', now)?.toISOString()).toBe('2026-12-06T14:00:00.000Z');
    // 02:00 in Mexico City is 08:00 UTC.
    expect(latestDueTime(['02:00'], 'America/Mexico_City', now)?.toISOString()).toBe(
      '2026-12-07T08:00:00.000Z',
    );
    expect(latestDueTime([], 'UTC', now)).toBeNull();
  });
});
