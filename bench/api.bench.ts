/**
 * API throughput benchmark: `npm run bench:api` (options as environment variables).
 *
 *   BENCH_TARGETS          which databases, comma-separated: postgres, pglite (default both)
 *   BENCH_DATABASE_URL     PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a fresh
 *                          database is created there and dropped at the end
 *   BENCH_CLIENTS          concurrent keep-alive connections (default 50)
 *   BENCH_SECONDS          measured seconds per scenario (default 10), after BENCH_WARMUP_SECONDS (default 4)
 *   BENCH_PATIENTS         patients registered through the API before measuring (default 300)
 *   BENCH_LOG_LEVEL        the servers' LOG_LEVEL (default info, as a clinic runs it)
 *   BENCH_ONLY             comma-separated words: measure only the scenarios whose names contain one
 *
 * Starts the server as a user would (`carebase start`, its own process) and loads it from a worker thread
 * with a lean keep-alive client. References measured in the same run: a plain Node http server answering
 * "hello", /healthz (no database), and GET /api/roles (a database read without audit), so ratios can be
 * compared across machines.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { mixedLoad, patientReads, type Seeded, seed } from './api-seed.ts';
import { startCluster } from './bench-servers.ts';
import { type LoadFigures, type LoadRequest, runLoad } from './load.ts';

const env = process.env;
const int = (value: string | undefined, fallback: number) => (value ? Number.parseInt(value, 10) : fallback);
const clients = int(env.BENCH_CLIENTS, 50);
const seconds = int(env.BENCH_SECONDS, 10);
const warmupSeconds = int(env.BENCH_WARMUP_SECONDS, 4);

type Target = { minPerSecond?: number; maxP99?: number; ofReference?: { name: string; share: number } };
type Scenario = { name: string; requests: (s: Seeded) => LoadRequest[]; target?: Target; base?: string };
type Row = LoadFigures & { name: string; target?: Target };

const get = (path: string): LoadRequest[] => [{ method: 'GET', path }];

function scenarios(embedded: boolean): Scenario[] {
  return [
    { name: 'GET /healthz', requests: () => get('/healthz') },
    { name: 'GET /api/auth/me (API token)', requests: () => get('/api/auth/me') },
    { name: 'GET /api/roles (database read, no audit)', requests: () => get('/api/roles') },
    {
      name: 'GET /api/patients/:id (audited read)',
      requests: patientReads,
      target: embedded
        ? { minPerSecond: 500, maxP99: 150 }
        : {
            minPerSecond: 1500,
            maxP99: 50,
            ofReference: { name: 'GET /api/roles (database read, no audit)', share: 0.6 },
          },
    },
    {
      name: 'mixed: 70 % reads, 30 % writes',
      requests: (s) => mixedLoad(s, 500),
      target: embedded ? undefined : { minPerSecond: 800, maxP99: 100 },
    },
  ];
}

/** A plain Node http server in its own process: the floor of what this machine can serve. */
async function plainHello(): Promise<{ base: string; close: () => void }> {
  const code = `require('node:http').createServer((q, s) => s.end('hello')).listen(0, '127.0.0.1', function () {
    console.log(this.address().port); })`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once('data', (d) => resolve(String(d).trim())),
  );
  return { base: `http://127.0.0.1:${port}`, close: () => child.kill() };
}

function verdict(row: Row, rows: Row[]): string {
  const t = row.target;
  if (!t) return '';
  const missed: string[] = [];
  if (t.minPerSecond && row.perSecond < t.minPerSecond) missed.push(`req/s < ${t.minPerSecond}`);
  if (t.maxP99 && row.p99 > t.maxP99) missed.push(`p99 > ${t.maxP99}`);
  if (row.errors > 0) missed.push('errors');
  if (t.ofReference) {
    const ref = rows.find((r) => r.name === t.ofReference!.name);
    if (ref && row.perSecond < ref.perSecond * t.ofReference.share)
      missed.push(`< ${t.ofReference.share * 100} % of the unaudited read`);
  }
  const goal = [
    t.minPerSecond ? `≥ ${t.minPerSecond}/s` : '',
    t.maxP99 ? `p99 ≤ ${t.maxP99}` : '',
    t.ofReference ? `≥ ${t.ofReference.share * 100} % of roles` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${goal}: ${missed.length ? `MISSED (${missed.join('; ')})` : 'met'}`;
}

function printTable(title: string, rows: Row[]): void {
  const reference = rows.find((r) => r.name.startsWith('GET /api/roles'));
  const head = ['route', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'vs roles', 'target'];
  const lines = rows.map((r) => [
    r.name,
    Math.round(r.perSecond).toLocaleString('en'),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.max.toFixed(1),
    String(r.errors),
    reference ? `${((100 * r.perSecond) / reference.perSecond).toFixed(0)} %` : '-',
    verdict(r, rows),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  console.log(`\n${title}`);
  for (const row of [head, ...lines]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}

async function measure(base: string, token: string, name: string, requests: LoadRequest[]): Promise<Row> {
  const f = await runLoad({
    base,
    token,
    requests,
    clients,
    warmup: { ms: warmupSeconds * 1000 },
    measure: { ms: seconds * 1000 },
  });
  for (const line of f.firstErrors) console.error(`  ${name}: ${line}`);
  return { ...f, name };
}

async function runTarget(kind: string, hello: Row | undefined): Promise<void> {
  const embedded = kind === 'pglite';
  const serverUrl = embedded
    ? 'pglite'
    : (env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const logLevel = env.BENCH_LOG_LEVEL ?? 'info';
  const cluster = await startCluster(serverUrl, 1, { LOG_LEVEL: logLevel });
  try {
    const seeded = await seed(cluster, int(env.BENCH_PATIENTS, 300));
    const only = env.BENCH_ONLY?.toLowerCase().split(',');
    const chosen = scenarios(embedded).filter(
      (s) => !only || only.some((w) => s.name.toLowerCase().includes(w)),
    );
    const rows: Row[] = hello ? [hello] : [];
    for (const s of chosen) {
      const row = await measure(cluster.urls[0]!, cluster.token, s.name, s.requests(seeded));
      rows.push({ ...row, target: s.target });
    }
    printTable(
      `${embedded ? 'Embedded PGlite' : 'PostgreSQL'}: ${clients} connections, ${seconds} s per route after ` +
        `${warmupSeconds} s warm-up, LOG_LEVEL=${logLevel}, ${os.cpus().length} CPUs, Node ${process.version}, ` +
        `load average ${os.loadavg()[0]!.toFixed(1)}`,
      rows,
    );
  } finally {
    await cluster.close();
  }
}

async function main(): Promise<void> {
  const targets = (env.BENCH_TARGETS ?? 'postgres,pglite').split(',').map((t) => t.trim());
  const plain = await plainHello();
  let hello: Row | undefined;
  try {
    if (!env.BENCH_ONLY || env.BENCH_ONLY.includes('hello'))
      hello = await measure(plain.base, '', 'plain Node http "hello"', get('/'));
  } finally {
    plain.close();
  }
  for (const t of targets) await runTarget(t, hello);
}

await main();
