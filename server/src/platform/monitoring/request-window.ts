import type { RouteFigures } from '@carebase/contracts';

/** Requests of the last minute, in 5-second buckets: rate, error rate and latency percentiles. */
export type RequestFigures = {
  requestsPerMinute: number;
  /** Share of answers that were 5xx, 0..1. */
  errorRate: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
};

const BUCKET_MS = 5000;
const BUCKETS = 12;
/** Latencies kept per bucket: beyond this, a uniform sample (reservoir) of them. */
const KEPT = 2000;

type Bucket = { start: number; count: number; errors: number; latencies: number[] };

/** Method and route pattern (never the raw URL): what per-route figures are kept by. */
export type RouteKey = { method: string; route: string };
/** The one entry of every request that matched no route. */
export const NO_ROUTE = '(no route)';
/** The one entry of every request for the web app's files and pages (not the API). */
export const WEB_APP_ROUTE = '(web app files and pages)';
/** Where requests to routes beyond MAX_ROUTES are counted. */
export const OTHER_ROUTES = '(other routes)';
export const ROUTE_WINDOW_MINUTES = 5;
const ROUTE_BUCKET_MS = 60_000;
const MAX_ROUTES = 300;
/** Latencies kept per route and minute: enough for a p95, and 300 routes x 5 minutes stay under a few MB. */
const ROUTE_KEPT = 200;

type RouteBucket = {
  start: number;
  count: number;
  errors: number;
  refusals: number;
  maxMs: number;
  latencies: number[];
};

/** Keeps `ms` in a bounded uniform sample (reservoir) of the `seen` latencies so far, `seen` counting this one. */
function sample(latencies: number[], seen: number, ms: number, kept: number): void {
  if (latencies.length < kept) latencies.push(ms);
  else {
    const slot = Math.floor(Math.random() * seen);
    if (slot < kept) latencies[slot] = ms;
  }
}

export function percentileOf(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? null;
}

export function createRequestWindow(now: () => number = Date.now) {
  const buckets: Bucket[] = [];
  const current = (): Bucket => {
    const start = Math.floor(now() / BUCKET_MS) * BUCKET_MS;
    let last = buckets.at(-1);
    if (!last || last.start !== start) {
      last = { start, count: 0, errors: 0, latencies: [] };
      buckets.push(last);
      while (buckets.length > BUCKETS) buckets.shift();
    }
    return last;
  };
  const routes = new Map<string, { key: RouteKey; buckets: RouteBucket[] }>();
  // A minute is kept while any of it is within the window: the figures cover 5 to 6 minutes.
  const dropStaleRoutes = () => {
    const since = now() - ROUTE_WINDOW_MINUTES * ROUTE_BUCKET_MS;
    for (const [id, r] of routes) {
      while (r.buckets[0] && r.buckets[0].start + ROUTE_BUCKET_MS <= since) r.buckets.shift();
      if (!r.buckets.length) routes.delete(id);
    }
  };
  const routeBucket = (key: RouteKey): RouteBucket => {
    let id = `${key.method} ${key.route}`;
    let r = routes.get(id);
    if (!r) {
      if (routes.size >= MAX_ROUTES) dropStaleRoutes();
      if (routes.size >= MAX_ROUTES) {
        key = { method: '*', route: OTHER_ROUTES };
        id = `${key.method} ${key.route}`;
      }
      r = routes.get(id) ?? { key, buckets: [] };
      routes.set(id, r);
    }
    const start = Math.floor(now() / ROUTE_BUCKET_MS) * ROUTE_BUCKET_MS;
    let last = r.buckets.at(-1);
    if (!last || last.start !== start) {
      last = { start, count: 0, errors: 0, refusals: 0, maxMs: 0, latencies: [] };
      r.buckets.push(last);
      while (r.buckets.length > ROUTE_WINDOW_MINUTES + 1) r.buckets.shift();
    }
    return last;
  };

  return {
    /** `route` is left out by callers that do not know it: the request then counts in the minute figures only. */
    observe(status: number, ms: number, route?: RouteKey): void {
      const b = current();
      b.count++;
      if (status >= 500) b.errors++;
      sample(b.latencies, b.count, ms, KEPT);
      if (!route) return;
      const rb = routeBucket(route);
      rb.count++;
      if (status >= 500) rb.errors++;
      else if (status >= 400) rb.refusals++;
      rb.maxMs = Math.max(rb.maxMs, ms);
      sample(rb.latencies, rb.count, ms, ROUTE_KEPT);
    },
    figures(): RequestFigures {
      const since = now() - BUCKETS * BUCKET_MS;
      const live = buckets.filter((b) => b.start >= since);
      const count = live.reduce((sum, b) => sum + b.count, 0);
      const errors = live.reduce((sum, b) => sum + b.errors, 0);
      const sorted = live.flatMap((b) => b.latencies).sort((a, b) => a - b);
      return {
        requestsPerMinute: count,
        errorRate: count ? errors / count : 0,
        p50Ms: percentileOf(sorted, 50),
        p95Ms: percentileOf(sorted, 95),
        p99Ms: percentileOf(sorted, 99),
      };
    },
    /** Requests per route over the last ROUTE_WINDOW_MINUTES, busiest first. */
    routeFigures(): RouteFigures[] {
      dropStaleRoutes();
      const figures = [...routes.values()].map(({ key, buckets }) => {
        const sorted = buckets.flatMap((b) => b.latencies).sort((a, b) => a - b);
        return {
          ...key,
          count: buckets.reduce((sum, b) => sum + b.count, 0),
          errors: buckets.reduce((sum, b) => sum + b.errors, 0),
          refusals: buckets.reduce((sum, b) => sum + b.refusals, 0),
          p95Ms: percentileOf(sorted, 95),
          maxMs: Math.max(...buckets.map((b) => b.maxMs)),
        };
      });
      return figures.sort((a, b) => b.count - a.count);
    },
  };
}

export type RequestWindow = ReturnType<typeof createRequestWindow>;
