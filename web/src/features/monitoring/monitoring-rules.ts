import type { DatabaseHealth, Instance, RouteFigures } from '@carebase/contracts';
import { toQueryString } from '../../lib/api.ts';

const HOUR_MS = 3_600_000;

/** What the instances up report now: their requests summed, the 5xx share weighted by requests, the worst p99. */
export function systemNow(instances: readonly Instance[]) {
  const up = instances.filter((instance) => instance.status === 'up');
  const requestsPerMinute = up.reduce((sum, i) => sum + i.requestsPerMinute, 0);
  const errors = up.reduce((sum, i) => sum + i.errorRate * i.requestsPerMinute, 0);
  const p99s = up.map((i) => i.p99Ms).filter((ms): ms is number => ms !== null);
  return {
    up: up.length,
    requestsPerMinute,
    errorRate: requestsPerMinute > 0 ? errors / requestsPerMinute : 0,
    p99Ms: p99s.length > 0 ? Math.max(...p99s) : null,
  };
}

/** Share of the disk still free, 0..1; null when the server could not tell. */
export function freeShare(disk: { freeBytes: number; totalBytes: number } | null): number | null {
  if (!disk || disk.totalBytes <= 0) return null;
  return disk.freeBytes / disk.totalBytes;
}

export const ROUTE_SORTS = ['count', 'errors', 'p95Ms'] as const;
export type RouteSort = (typeof ROUTE_SORTS)[number];

/** Routes by a figure, largest first when `desc`; unknown p95s last either way, ties by route name. */
export function sortRoutes(
  routes: readonly RouteFigures[],
  sort: RouteSort,
  order: 'asc' | 'desc',
): RouteFigures[] {
  const sign = order === 'desc' ? -1 : 1;
  return [...routes].sort((a, b) => {
    const x = a[sort];
    const y = b[sort];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) return sign * (x - y);
    return `${a.route} ${a.method}`.localeCompare(`${b.route} ${b.method}`);
  });
}

export type ActivityKind = 'signIns' | 'recordsOpened' | 'changes' | 'denied';

/**
 * The audit trail filtered to what a figure counts, from `fromIso` for `hours` hours. The audit page filters by
 * one action and one outcome, so sign-ins and denied attempts narrow down; records opened and changes are many
 * actions and show the whole period.
 */
export function auditLink(fromIso: string, hours: number, kind?: ActivityKind): string {
  const from = new Date(Date.parse(fromIso));
  const to = new Date(from.getTime() + hours * HOUR_MS - 1000);
  const filter =
    kind === 'signIns'
      ? { action: 'auth.login', outcome: 'success' }
      : kind === 'denied'
        ? { outcome: 'denied' }
        : {};
  return `/audit${toQueryString({ from: from.toISOString(), to: to.toISOString(), ...filter })}`;
}

const normal = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

/** The server's reasons for the items it cannot tell whose name is one of `items`, however it is spelt. */
export function reasonsFor(unavailable: DatabaseHealth['unavailable'], items: readonly string[]): string[] {
  const wanted = new Set(items.map(normal));
  return unavailable.filter((u) => wanted.has(normal(u.item))).map((u) => u.reason);
}
