import { describe, expect, it } from 'vitest';
import { createRequestWindow, NO_ROUTE, OTHER_ROUTES, percentileOf } from './request-window.ts';

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

  it('keeps five minutes per method and route pattern: count, 5xx, 4xx, p95 and max', () => {
    let now = 6_000_000;
    const w = createRequestWindow(() => now);
    const get = { method: 'GET', route: '/api/patients/:id' };
    for (let i = 1; i <= 100; i++) w.observe(i === 1 ? 500 : i <= 4 ? 404 : 200, i, get);
    w.observe(200, 7, { method: 'POST', route: '/api/patients/:id' });
    w.observe(404, 3, { method: 'GET', route: NO_ROUTE });
    w.observe(200, 9);
    expect(w.routeFigures()).toEqual([
      { ...get, count: 100, errors: 1, refusals: 3, p95Ms: 95, maxMs: 100 },
      { method: 'POST', route: '/api/patients/:id', count: 1, errors: 0, refusals: 0, p95Ms: 7, maxMs: 7 },
      { method: 'GET', route: NO_ROUTE, count: 1, errors: 0, refusals: 1, p95Ms: 3, maxMs: 3 },
    ]);
    now += 4 * 60_000;
    w.observe(200, 1000, get);
    expect(w.routeFigures()[0]).toMatchObject({ count: 101, maxMs: 1000 });
    now += 2 * 60_000;
    expect(w.routeFigures()).toEqual([
      { ...get, count: 1, errors: 0, refusals: 0, p95Ms: 1000, maxMs: 1000 },
    ]);
    now += 6 * 60_000;
    expect(w.routeFigures()).toEqual([]);
  });

  it('bounds its memory: routes past the cap share one entry, and latencies are sampled', () => {
    const w = createRequestWindow(() => 0);
    for (let i = 0; i < 400; i++) w.observe(200, 1, { method: 'GET', route: `/r${i}` });
    for (let i = 0; i < 10_000; i++) w.observe(200, i % 100, { method: 'GET', route: '/r0' });
    const figures = w.routeFigures();
    expect(figures).toHaveLength(301);
    expect(figures[0]).toMatchObject({ route: '/r0', count: 10_001, maxMs: 99 });
    expect(figures[0]?.p95Ms).toBeGreaterThan(80);
    expect(figures.find((f) => f.route === OTHER_ROUTES)).toMatchObject({ method: '*', count: 100 });
  });
});
