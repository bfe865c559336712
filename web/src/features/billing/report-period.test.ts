import { describe, expect, it } from 'vitest';
import { presetPeriod } from './report-period.ts';

describe('report period presets', () => {
  it('ends today and starts where the preset says, across year ends', () => {
    expect(presetPeriod('thisMonth', '2026-03-14')).toEqual({
      from: '2026-03-01',
      to: '2026-03-14',
      groupBy: 'day',
    });
    expect(presetPeriod('lastMonth', '2026-01-10')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
      groupBy: 'day',
    });
    expect(presetPeriod('last90Days', '2026-03-14').from).toBe('2025-12-15');
    expect(presetPeriod('thisYear', '2026-03-14').from).toBe('2026-01-01');
    expect(presetPeriod('last12Months', '2026-12-07')).toEqual({
      from: '2026-01-01',
      to: '2026-12-07',
      groupBy: 'month',
    });
  });
});
