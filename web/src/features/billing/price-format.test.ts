import { describe, expect, it } from 'vitest';
import { itemName, percentOf, shareLabel } from './price-format.ts';

const money = (minor: number) => `$${(minor / 100).toFixed(2)}`;

describe('price list wording', () => {
  it('writes rates and shares as people say them', () => {
    expect(percentOf(1200, 'en')).toBe('12%');
    expect(percentOf(1250, 'en')).toBe('12.5%');
    expect(percentOf(2100, 'es').replace(/\s/g, ' ')).toBe('21 %');
    expect(shareLabel({ kind: 'percent', basisPoints: 4000 }, 'en', money)).toBe('40%');
    expect(shareLabel({ kind: 'fixed', amountMinor: 1000 }, 'en', money)).toBe('$10.00');
    expect(shareLabel({ kind: 'amount', amountMinor: 2500 }, 'en', money)).toBe('$25.00');
  });

  it('names the item in the user language', () => {
    const item = { nameEn: 'General consultation', nameEs: 'Consulta general' };
    expect(itemName(item, 'es-ES')).toBe('Consulta general');
    expect(itemName(item, 'en-GB')).toBe('General consultation');
  });
});
