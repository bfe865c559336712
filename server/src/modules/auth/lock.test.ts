import { describe, expect, it } from 'vitest';
import { lockMinutes } from './auth.service.ts';

describe('lockMinutes', () => {
  it('does not lock below the threshold', () => {
    expect([0, 1, 4].map((n) => lockMinutes(n, 5))).toEqual([0, 0, 0]);
  });

  it('doubles from one minute at the threshold', () => {
    expect([5, 6, 7, 8].map((n) => lockMinutes(n, 5))).toEqual([1, 2, 4, 8]);
  });

  it('never locks for more than an hour', () => {
    expect(lockMinutes(11, 5)).toBe(60);
    expect(lockMinutes(1000, 5)).toBe(60);
  });

  it('follows the configured threshold', () => {
    expect(lockMinutes(1, 1)).toBe(1);
    expect(lockMinutes(2, 3)).toBe(0);
  });
});
