import { describe, expect, it } from 'vitest';
import { createRequestWindow, percentileOf } from './request-window.ts';

describe('the request window', () => {
  it('gives the last minute: rate, 5xx share and percentiles; older requests fall out', () => {
    let now = 1_000_000;
    const w = createRequestWindow(() => now);
    for (let i = 1; i <= 100; i++) w.observe(i === 100 ? 503 : 200, i);
    expect(w.figures()).toEqual({ requestsPerMinute: 100, errorRate: 0.01, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    now += 30_000;
    w.observe(404, 1000);
    expect(w.figures().requestsPerMinute).toBe(101);
    expect(w.figures().errorRate).toBeCloseTo(1 / 101);
    now += 40_000;
    expect(w.figures()).toEqual({
      requestsPerMinute: 1,
      errorRate: 0,
      p50Ms: 1000,
      p95Ms: 1000,
      p99Ms: 1000,
    });
    now += 61_000;
    expect(w.figures()).toEqual({
      requestsPerMinute: 0,
      errorRate: 0,
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
    });
  });

  it('takes percentiles by rank', () => {
    expect(percentileOf([], 50)).toBeNull();
    expect(percentileOf([7], 99)).toBe(7);
    expect(percentileOf([1, 2, 3, 4], 50)).toBe(2);
  });
});
