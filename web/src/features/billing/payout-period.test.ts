import { describe, expect, it } from 'vitest';
import { isValidPeriod, presetPeriod } from './payout-period.ts';

describe('payout periods', () => {
  it('turns presets into whole months and years', () => {
    expect(presetPeriod('thisMonth', '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('thisMonth', '2028-02-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('lastMonth', '2026-05-31')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(presetPeriod('thisYear', '2026-05-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('accepts only complete periods that do not end before they start', () => {
    expect(isValidPeriod({ from: '2026-01-01', to: '2026-01-01' })).toBe(true);
    expect(isValidPeriod({ from: '2026-01-02', to: '2026-01-01' })).toBe(false);
    expect(isValidPeriod({ from: '', to: '2026-01-01' })).toBe(false);
  });
});
