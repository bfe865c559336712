import { parentPort, workerData } from 'node:worker_threads';
import { LeanClient } from './http-lean-client.ts';

/** What the main thread sends: one scenario to run. */
export type LoadJob = {
  base: string;
  token: string;
  paths: string[];
  clients: number;
  requests: number;
  warmup: number;
};
export type LoadResult = { times: number[]; errors: number; results: number; firstErrors: string[] };

async function run(job: LoadJob, clients: LeanClient[], count: number): Promise<LoadResult> {
  const out: LoadResult = { times: [], errors: 0, results: 0, firstErrors: [] };
  let next = 0;
  const client = async (http: LeanClient) => {
    while (next < count) {
      const path = job.paths[next++ % job.paths.length]!;
      const res = await http.get(path);
      if (res.status !== 200) {
        out.errors++;
        if (out.firstErrors.length < 3)
          out.firstErrors.push(`${res.status} for ${path}: ${res.body.slice(0, 300)}`);
        continue;
      }
      out.times.push(res.ms);
      out.results += (JSON.parse(res.body) as { items?: unknown[] }).items?.length ?? 0;
    }
  };
  await Promise.all(clients.map(client));
  return out;
}

// The clients run on their own thread, so their work does not queue behind the server's on its event loop.
const job = workerData as LoadJob;
const base = new URL(job.base);
const clients = await Promise.all(
  Array.from({ length: job.clients }, () => LeanClient.connect(base, job.token)),
);
await run(job, clients, job.warmup);
const result = await run(job, clients, job.requests);
for (const c of clients) c.close();
parentPort?.postMessage(result);
