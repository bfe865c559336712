import type { Instance, RouteFigures } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { auditLink, freeShare, reasonsFor, sortRoutes, systemNow } from './monitoring-rules.ts';

function instance(over: Partial<Instance>): Instance {
  return {
    id: '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f70',
    host: 'a',
    pid: 1,
    version: '1',
    startedAt: '2026-01-01T00:00:00Z',
    lastSeenAt: '2026-01-01T00:00:00Z',
    status: 'up',
    cpuPercent: 0,
    rssBytes: 0,
    heapBytes: 0,
    eventLoopP99Ms: 0,
    websockets: 0,
    requestsPerMinute: 0,
    errorRate: 0,
    p50Ms: null,
    p95Ms: null,
    p99Ms: null,
    ...over,
  };
}

const route = (name: string, count: number, errors: number, p95Ms: number | null): RouteFigures => ({
  method: 'GET',
  route: name,
  count,
  errors,
  refusals: 0,
  p95Ms,
  maxMs: 0,
});

describe('monitoring rules', () => {
  it('sums the instances up: requests added, errors weighted by requests, the worst p99', () => {
    const now = systemNow([
      instance({ requestsPerMinute: 90, errorRate: 0, p99Ms: 120 }),
      instance({ requestsPerMinute: 10, errorRate: 0.5, p99Ms: 800 }),
      instance({ status: 'gone', requestsPerMinute: 1000, errorRate: 1, p99Ms: 9000 }),
    ]);
    expect(now).toEqual({ up: 2, requestsPerMinute: 100, errorRate: 0.05, p99Ms: 800 });
    expect(systemNow([])).toEqual({ up: 0, requestsPerMinute: 0, errorRate: 0, p99Ms: null });
  });

  it('tells the free share of a disk, or nothing when unknown', () => {
    expect(freeShare({ freeBytes: 25, totalBytes: 100 })).toBe(0.25);
    expect(freeShare(null)).toBeNull();
    expect(freeShare({ freeBytes: 0, totalBytes: 0 })).toBeNull();
  });

  it('sorts routes by a figure, unknown latencies last', () => {
    const routes = [route('/b', 5, 1, null), route('/a', 9, 0, 40), route('/c', 1, 3, 900)];
    expect(sortRoutes(routes, 'count', 'desc').map((r) => r.route)).toEqual(['/a', '/b', '/c']);
    expect(sortRoutes(routes, 'errors', 'desc').map((r) => r.route)).toEqual(['/c', '/b', '/a']);
    expect(sortRoutes(routes, 'p95Ms', 'asc').map((r) => r.route)).toEqual(['/a', '/c', '/b']);
    expect(sortRoutes(routes, 'p95Ms', 'desc').map((r) => r.route)).toEqual(['/c', '/a', '/b']);
  });

  it('links an hour to the audit trail, narrowed to sign-ins or denied attempts', () => {
    const params = (link: string) => Object.fromEntries(new URL(link, 'http://x').searchParams);
    expect(params(auditLink('2026-03-01T10:00:00Z', 1))).toEqual({
      from: '2026-03-01T10:00:00.000Z',
      to: '2026-03-01T10:59:59.000Z',
    });
    expect(params(auditLink('2026-03-01T10:00:00Z', 24, 'signIns'))).toMatchObject({
      action: 'auth.login',
      outcome: 'success',
      to: '2026-03-02T09:59:59.000Z',
    });
    expect(params(auditLink('2026-03-01T10:00:00Z', 1, 'denied')).outcome).toBe('denied');
  });

  it("finds the server's reason for an item whatever its spelling", () => {
    const unavailable = [
      { item: 'slow_statements', reason: 'No pg_stat_statements.' },
      { item: 'cacheHitRatio', reason: 'PGlite keeps no statistics.' },
    ];
    expect(reasonsFor(unavailable, ['slowStatements'])).toEqual(['No pg_stat_statements.']);
    expect(reasonsFor(unavailable, ['cache_hit_ratio', 'size'])).toEqual(['PGlite keeps no statistics.']);
    expect(reasonsFor(unavailable, ['connections'])).toEqual([]);
  });
});
