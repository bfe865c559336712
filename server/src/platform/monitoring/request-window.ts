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
  return {
    observe(status: number, ms: number): void {
      const b = current();
      b.count++;
      if (status >= 500) b.errors++;
      if (b.latencies.length < KEPT) b.latencies.push(ms);
      else {
        const slot = Math.floor(Math.random() * b.count);
        if (slot < KEPT) b.latencies[slot] = ms;
      }
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
  };
}

export type RequestWindow = ReturnType<typeof createRequestWindow>;
