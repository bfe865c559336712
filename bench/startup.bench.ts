/**
 * Start-up benchmark: `npm run bench:startup` (options as environment variables).
 *
 *   BENCH_ROUNDS       rounds (default 3); each starts on a fresh DATA_DIR, then restarts on it
 *   BENCH_RESTARTS     restarts on the existing database per round (default 3)
 *   BENCH_FROM_SOURCE  1: also time the TypeScript sources run through tsx (the fallback when the
 *                      compiled server is out of date), for comparison
 *
 * Starts the server the way `npm start` does (`carebase start`, after building what `npm start` builds
 * when it is out of date) on a temporary DATA_DIR and a free port, and times spawn → first
 * `GET /readyz` 200, for the first start on an empty folder (initdb, migrations, roles, ICD-10 starter
 * set, first administrator) and for restarts on the existing embedded database. A reference, `node -e`
 * answering one HTTP request, gives the floor of this machine, so figures from a busy machine can be
 * compared as a ratio; on Linux the CPU time the server used until ready (all its threads, and its main
 * thread alone) is shown too, which depends much less on what else the machine is doing. Prints one
 * table with min/median/max per scenario.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './bench-servers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'server/bin/carebase.mjs');
const env = process.env;
const int = (value: string | undefined, fallback: number) => (value ? Number.parseInt(value, 10) : fallback);
const ROUNDS = int(env.BENCH_ROUNDS, 3);
const RESTARTS = int(env.BENCH_RESTARTS, 3);
const FROM_SOURCE = env.BENCH_FROM_SOURCE === '1';

/** CPU milliseconds a process (or one of its threads) has used so far, from /proc; NaN elsewhere. */
function cpuMs(pid: number, thread?: number): number {
  try {
    const stat = fs.readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s
  } catch {
    return Number.NaN;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

type Sample = { ms: number; cpu: number; mainCpu: number };

/** Spawns `args`, measures until GET {urlPath} answers 200, then stops it. */
async function timeToReady(
  args: string[],
  port: number,
  extraEnv: Record<string, string>,
  urlPath: string,
): Promise<Sample> {
  let out = '';
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...env, PORT: String(port), LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited early (${child.exitCode}):\n${out}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}${urlPath}`);
        if (res.status === 200) {
          const ms = performance.now() - started;
          const pid = child.pid ?? 0;
          return { ms, cpu: cpuMs(pid), mainCpu: cpuMs(pid, pid) };
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`not ready in time:\n${out}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await stop(child);
  }
}

type Row = { name: string; samples: Sample[] };

async function measureCarebase(label: string, extraEnv: Record<string, string>): Promise<Row[]> {
  const fresh: Row = { name: `${label}: first start, empty DATA_DIR`, samples: [] };
  const restart: Row = { name: `${label}: restart, existing database`, samples: [] };
  const start = async (runEnv: Record<string, string>) => {
    // Others may be editing the sources: each start runs what `npm start` would run at that moment.
    if (!extraEnv.CAREBASE_FROM_SOURCE) buildIfStale();
    return timeToReady([CLI, 'start'], await freePort(), runEnv, '/readyz');
  };
  for (let round = 0; round < ROUNDS; round++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-startup-'));
    try {
      const runEnv = { ...extraEnv, DATA_DIR: dataDir };
      fresh.samples.push(await start(runEnv));
      for (let i = 0; i < RESTARTS; i++) restart.samples.push(await start(runEnv));
      process.stdout.write(`  ${label} round ${round + 1}/${ROUNDS} done\n`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return [fresh, restart];
}

async function measureReference(): Promise<Row> {
  const script =
    "require('node:http').createServer((q,s)=>s.end('ok')).listen(Number(process.env.PORT),'127.0.0.1')";
  const row: Row = { name: 'reference: node -e, one HTTP answer', samples: [] };
  for (let i = 0; i < Math.max(5, ROUNDS); i++) {
    row.samples.push(await timeToReady(['-e', script], await freePort(), {}, '/'));
  }
  return row;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 ? (sorted[Math.floor(mid)] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { min: sorted[0] ?? 0, median, max: sorted[sorted.length - 1] ?? 0 };
}

function printTable(rows: Row[], reference: Row): void {
  const refMedian = stats(reference.samples.map((s) => s.ms)).median;
  const width = Math.max(...rows.map((r) => r.name.length), reference.name.length);
  const sec = (ms: number) => (Number.isNaN(ms) ? '-' : `${(ms / 1000).toFixed(2)} s`).padStart(9);
  console.log(
    `\n${'scenario'.padEnd(width)}  runs       min    median       max  median/ref  cpu median  main thread`,
  );
  for (const row of [reference, ...rows]) {
    const wall = stats(row.samples.map((s) => s.ms));
    const cpu = stats(row.samples.map((s) => s.cpu)).median;
    const main = stats(row.samples.map((s) => s.mainCpu)).median;
    console.log(
      `${row.name.padEnd(width)}  ${String(row.samples.length).padStart(4)}  ${sec(wall.min)} ${sec(wall.median)} ${sec(wall.max)}  ${`${(wall.median / refMedian).toFixed(1)}x`.padStart(10)}  ${sec(cpu)}   ${sec(main)}`,
    );
  }
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(`\nmachine: ${os.cpus().length} cores, load average ${load.join(' ')}`);
}

function buildIfStale(): void {
  // What `npm start` does before serving: build the web app and the server when out of date.
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--build-only'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the build failed');
}

async function main(): Promise<void> {
  console.log(`Start-up: ${ROUNDS} rounds of a first start and ${RESTARTS} restarts`);
  const reference = await measureReference();
  const rows = await measureCarebase('compiled', {});
  if (FROM_SOURCE) rows.push(...(await measureCarebase('from source (tsx)', { CAREBASE_FROM_SOURCE: '1' })));
  printTable(rows, reference);
}

await main();
