import { parentPort, workerData } from 'node:worker_threads';
import { LeanClient } from './http-lean-client.ts';

/** One request of a load: the worker cycles through the list, so a mix is its proportions, shuffled. */
export type LoadRequest = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  body?: string;
  /** Requests with a label are also timed per label (the kinds of a mixed load). */
  label?: string;
};
/** A phase ends after this many requests, or after this many milliseconds. */
export type LoadStop = { requests: number } | { ms: number };

export type LoadJob = {
  base: string;
  token: string;
  /** One token per client, in turn (several users at once); without it every client uses `token`. */
  tokens?: string[];
  requests: LoadRequest[];
  clients: number;
  warmup: LoadStop;
  measure: LoadStop;
};
export type LoadResult = {
  times: number[];
  errors: number;
  /** Items listed in the answers (`items` arrays), for searches. */
  results: number;
  firstErrors: string[];
  elapsedMs: number;
  byLabel: Record<string, number[]>;
};

async function run(job: LoadJob, clients: LeanClient[], stop: LoadStop): Promise<LoadResult> {
  const out: LoadResult = { times: [], errors: 0, results: 0, firstErrors: [], elapsedMs: 0, byLabel: {} };
  const started = performance.now();
  const deadline = 'ms' in stop ? started + stop.ms : Number.POSITIVE_INFINITY;
  const count = 'requests' in stop ? stop.requests : Number.POSITIVE_INFINITY;
  let next = 0;
  const client = async (http: LeanClient) => {
    while (next < count && performance.now() < deadline) {
      const r = job.requests[next++ % job.requests.length]!;
      const res = await http.request(r.method, r.path, r.body);
      if (res.status >= 300) {
        out.errors++;
        if (out.firstErrors.length < 3)
          out.firstErrors.push(`${res.status} for ${r.method} ${r.path}: ${res.body.slice(0, 300)}`);
        continue;
      }
      out.times.push(res.ms);
      if (r.label) {
        out.byLabel[r.label] ??= [];
        out.byLabel[r.label]!.push(res.ms);
      }
      if (res.body.startsWith('{"items"'))
        out.results += (JSON.parse(res.body) as { items: unknown[] }).items.length;
    }
  };
  await Promise.all(clients.map(client));
  out.elapsedMs = performance.now() - started;
  return out;
}

// The clients run on their own thread, so their work does not queue behind the caller's event loop.
const job = workerData as LoadJob;
const base = new URL(job.base);
const clients = await Promise.all(
  Array.from({ length: job.clients }, (_, i) =>
    LeanClient.connect(base, job.tokens?.length ? job.tokens[i % job.tokens.length]! : job.token),
  ),
);
await run(job, clients, job.warmup);
const result = await run(job, clients, job.measure);
for (const c of clients) c.close();
parentPort?.postMessage(result);
