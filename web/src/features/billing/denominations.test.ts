import { countedMinorOf } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { countsOf, defaultDenominations, withDenomination } from './denominations.ts';

describe('denominations', () => {
  it('knows the notes and coins of USD, EUR, PHP and MXN, largest first', () => {
    for (const currency of ['USD', 'EUR', 'PHP', 'MXN']) {
      const list = defaultDenominations(currency);
      expect(list).toEqual([...list].sort((a, b) => b - a));
    }
    expect(defaultDenominations('USD')).toContain(25);
    expect(defaultDenominations('PHP')[0]).toBe(100_000);
  });

  it('falls back to a 1-2-5 series in the currency’s minor units', () => {
    expect(defaultDenominations('GBP')).toEqual([
      100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1,
    ]);
    expect(defaultDenominations('JPY')).toEqual([1000, 500, 200, 100, 50, 20, 10, 5, 2, 1]);
  });

  it('adds a denomination in its place once', () => {
    expect(withDenomination([500, 100, 1], 200)).toEqual([500, 200, 100, 1]);
    expect(withDenomination([500, 100], 100)).toEqual([500, 100]);
  });

  it('keeps the counted denominations and sums them', () => {
    const counts = countsOf({ 5000: 3, 200: '', 25: 7, 10: 0 });
    expect(counts).toEqual({ '5000': 3, '25': 7 });
    expect(countedMinorOf(counts)).toBe(15_175);
  });
});
