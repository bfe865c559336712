import { describe, expect, it } from 'vitest';
import { intervalParts } from './schedule-interval.ts';

describe('intervalParts', () => {
  it('uses the largest whole unit', () => {
    expect(intervalParts(60_000)).toEqual({ unit: 'minutes', count: 1 });
    expect(intervalParts(7_200_000)).toEqual({ unit: 'hours', count: 2 });
    expect(intervalParts(5_400_000)).toEqual({ unit: 'minutes', count: 90 });
    expect(intervalParts(90_000)).toEqual({ unit: 'seconds', count: 90 });
  });
});
