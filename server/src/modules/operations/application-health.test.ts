import { describe, expect, it } from 'vitest';
import { mergeRouteFigures } from './application-health.ts';

const figures = (route: string, count: number, p95Ms: number | null, maxMs: number) => ({
  method: 'GET',
  route,
  count,
  errors: 1,
  refusals: 2,
  p95Ms,
  maxMs,
});

describe('route figures over instances', () => {
  it('adds counts, keeps the worst p95 and max, busiest first, up to the limit', () => {
    const merged = mergeRouteFigures(
      [
        [figures('/a', 5, 40, 90), figures('/b', 1, 7, 7)],
        [figures('/a', 3, null, 0), figures('/c', 2, 3, 3)],
        [figures('/a', 1, 60, 70)],
      ],
      2,
    );
    expect(merged).toEqual([
      { method: 'GET', route: '/a', count: 9, errors: 3, refusals: 6, p95Ms: 60, maxMs: 90 },
      figures('/c', 2, 3, 3),
    ]);
  });

  it('keeps routes apart by method', () => {
    const post = { ...figures('/a', 1, 1, 1), method: 'POST' };
    expect(mergeRouteFigures([[figures('/a', 1, 1, 1)], [post]])).toHaveLength(2);
  });
});
