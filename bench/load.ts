import { Worker } from 'node:worker_threads';
import { percentile } from './bench-servers.ts';
import type { LoadJob, LoadResult } from './load.worker.ts';

export type { LoadRequest, LoadStop } from './load.worker.ts';

export type LoadFigures = {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  meanResults: number;
  firstErrors: string[];
  /** Per label: count, p50 and p99 in ms. */
  byLabel: { label: string; count: number; p50: number; p99: number }[];
};

/** Runs a load from `job.clients` keep-alive connections on a worker thread: a warm-up, then the measured phase. */
export async function runLoad(job: LoadJob): Promise<LoadFigures> {
  // Workers do not inherit tsx's hooks for their entry file: register them, then load the TypeScript worker.
  const entry = new URL('./load.worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const result = await new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const times = result.times.sort((a, b) => a - b);
  return {
    requests: times.length,
    errors: result.errors,
    perSecond: ((times.length + result.errors) * 1000) / result.elapsedMs,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? Number.NaN,
    meanResults: times.length ? result.results / times.length : 0,
    firstErrors: result.firstErrors,
    byLabel: Object.entries(result.byLabel).map(([label, list]) => {
      const sorted = list.sort((a, b) => a - b);
      return { label, count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    }),
  };
}
