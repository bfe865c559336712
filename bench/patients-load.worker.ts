import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

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

/** One GET through a keep-alive agent; resolves with status, body and the time to the last byte. */
function get(agent: http.Agent, base: URL, path: string, token: string) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      { agent, host: base.hostname, port: base.port, path, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function run(job: LoadJob, agent: http.Agent, count: number): Promise<LoadResult> {
  const base = new URL(job.base);
  const out: LoadResult = { times: [], errors: 0, results: 0, firstErrors: [] };
  let next = 0;
  const client = async () => {
    while (next < count) {
      const path = job.paths[next++ % job.paths.length]!;
      const res = await get(agent, base, path, job.token);
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
  await Promise.all(Array.from({ length: job.clients }, client));
  return out;
}

// The clients run on their own thread, so their work does not queue behind the server's on its event loop.
const job = workerData as LoadJob;
const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients });
await run(job, agent, job.warmup);
const result = await run(job, agent, job.requests);
agent.destroy();
parentPort?.postMessage(result);
