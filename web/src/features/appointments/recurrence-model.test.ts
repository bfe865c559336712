import { describe, expect, it } from 'vitest';
import { DEFAULT_RECURRENCE, toRrule, weekdayOf } from './recurrence-model.ts';

describe('toRrule', () => {
  it('writes frequency, interval and count', () => {
    expect(toRrule(DEFAULT_RECURRENCE)).toBe('FREQ=WEEKLY;INTERVAL=1;COUNT=6');
    expect(toRrule({ freq: 'MONTHLY', interval: 3, count: 4, byDay: [1] })).toBe(
      'FREQ=MONTHLY;INTERVAL=3;COUNT=4',
    );
  });

  it('lists weekly days Monday first, without repeats', () => {
    expect(toRrule({ freq: 'WEEKLY', interval: 2, count: 8, byDay: [0, 4, 1, 4] })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;COUNT=8;BYDAY=MO,TH,SU',
    );
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-03-08')).toBe(0);
    expect(weekdayOf('2026-03-09')).toBe(1);
  });
});
