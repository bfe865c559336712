import { Worker } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './patients-load.worker.ts';

export type Scenario = { name: string; targetP99Ms: number | null; paths: string[] };

export type Figures = {
  name: string;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  meanResults: number;
  targetP99Ms: number | null;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs a scenario's paths from `clients` concurrent keep-alive connections (on a worker thread), after a warm-up. */
export async function measure(
  base: URL,
  token: string,
  scenario: Scenario,
  opts: { clients: number; requests: number; warmup: number },
): Promise<Figures> {
  const job: LoadJob = { base: base.toString(), token, paths: scenario.paths, ...opts };
  // Workers do not inherit tsx's hooks for their entry file: register them, then load the TypeScript worker.
  const entry = new URL('./patients-load.worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const result = await new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  for (const line of result.firstErrors) console.error(`  ${scenario.name}: ${line}`);
  const times = result.times.sort((a, b) => a - b);
  return {
    name: scenario.name,
    requests: times.length,
    errors: result.errors,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times.at(-1) ?? Number.NaN,
    meanResults: times.length ? result.results / times.length : 0,
    targetP99Ms: scenario.targetP99Ms,
  };
}
