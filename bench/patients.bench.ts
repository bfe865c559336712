/**
 * Patient search benchmark: `npm run bench:patients` (options as environment variables).
 *
 *   BENCH_DATABASE_URL  PostgreSQL server to use (default postgres://postgres@127.0.0.1:5432/postgres);
 *                       a fresh database is created there and dropped at the end. BENCH_DATABASE_URL=pglite
 *                       runs on the embedded PGlite instead (also the fallback when the server is unreachable).
 *   BENCH_PATIENTS      how many synthetic patients (default 1,000,000 on PostgreSQL, 50,000 on PGlite)
 *   BENCH_REQUESTS      measured requests per scenario (default 2,000), after BENCH_WARMUP (default 5,000:
 *                       V8 finishes compiling the hot paths over the first thousands; we measure the steady state)
 *   BENCH_CLIENTS       concurrent HTTP clients (default 4)
 *   BENCH_ROUNDS        measure the scenarios this many times on the same data (default 1)
 *   BENCH_ONLY          comma-separated words: measure only the scenarios whose names contain one (e.g. mrn,fuzzy)
 *   BENCH_KEEP          a database name: reuse it if it already holds patients (no generation), and keep it
 *                       afterwards (for measuring again after a change; drop it yourself)
 *
 * It loads the patients in bulk, starts the real app (buildApp + listen on 127.0.0.1:0), and measures p50/p99
 * through the HTTP API with an admin's API token for: MRN lookup, name prefix, fuzzy name, phone. The load
 * comes from a lean keep-alive client on a worker thread (bench/http-lean-client.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { createToken } from '../server/src/modules/auth/auth.service.ts';
import { ensureBuiltInRoles } from '../server/src/modules/roles/roles.service.ts';
import { findUserById } from '../server/src/modules/users/users.repository.ts';
import { createUser, principalOfUser } from '../server/src/modules/users/users.service.ts';
import { SYSTEM_ACTOR } from '../server/src/platform/audit/audit.writer.ts';
import { type Database, queryRows } from '../server/src/platform/db/database.ts';
import { runMigrations } from '../server/src/platform/db/migrate.ts';
import { openPglite } from '../server/src/platform/db/pglite.ts';
import { openPostgres } from '../server/src/platform/db/postgres.ts';
import { generatePatients } from './patients-generate.ts';
import { type Figures, measure } from './patients-load.ts';
import { explainScenarios } from './patients-plans.ts';
import { scenarioPaths } from './patients-queries.ts';

const env = process.env;
const int = (value: string | undefined, fallback: number) => (value ? Number.parseInt(value, 10) : fallback);

type Target = { database: Database; label: string; cleanup: () => Promise<void> };

async function openTarget(dataDir: string): Promise<Target> {
  const serverUrl = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (serverUrl !== 'pglite') {
    const admin = new pg.Client({ connectionString: serverUrl });
    try {
      await admin.connect();
    } catch (err) {
      if (env.BENCH_DATABASE_URL) throw err;
      console.log(`PostgreSQL at ${serverUrl} is not reachable (${(err as Error).message}): using PGlite.`);
      return openTarget(dataDir);
    }
    const keep = env.BENCH_KEEP;
    if (keep && !/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error('BENCH_KEEP must be a plain database name');
    const name = keep ?? `carebase_bench_${randomBytes(4).toString('hex')}`;
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString(), 10);
    return {
      database,
      label: `PostgreSQL (${name})`,
      async cleanup() {
        if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const database = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
  return { database, label: 'PGlite', cleanup: async () => {} };
}

async function adminToken(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  const user = await createUser(app.ctx, SYSTEM_ACTOR, {
    email: `bench-admin-${randomBytes(3).toString('hex')}@example.org`,
    name: 'Bench Admin',
    roles: ['admin'],
    password: 'bench password that is long enough',
  });
  const principal = await principalOfUser(app.ctx.db, (await findUserById(app.ctx.db, user.id))!);
  return (await createToken(app.ctx, SYSTEM_ACTOR, principal, { name: 'patients benchmark' })).token;
}

function fmt(ms: number): string {
  return Number.isNaN(ms) ? '-' : ms.toFixed(2);
}

function printTable(figures: Figures[]): void {
  const head = [
    'scenario',
    'requests',
    'errors',
    'p50 ms',
    'p99 ms',
    'max ms',
    'results/req',
    'p99 target',
    '',
  ];
  const lines = figures.map((f) => [
    f.name,
    String(f.requests),
    String(f.errors),
    fmt(f.p50),
    fmt(f.p99),
    fmt(f.max),
    f.meanResults.toFixed(1),
    f.targetP99Ms === null ? '-' : `≤ ${f.targetP99Ms}`,
    f.targetP99Ms === null ? '' : f.p99 <= f.targetP99Ms && f.errors === 0 ? 'met' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const row of [head, ...lines]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-bench-'));
  const target = await openTarget(dataDir);
  const onPostgres = target.database.kind === 'postgres';
  const n = int(env.BENCH_PATIENTS, onPostgres ? 1_000_000 : 50_000);
  const clients = int(env.BENCH_CLIENTS, 4);
  const requests = int(env.BENCH_REQUESTS, 2000);
  const warmup = int(env.BENCH_WARMUP, 5000);
  try {
    await runMigrations(target.database);
    await ensureBuiltInRoles(target.database.db);
    const [held] = await queryRows<{ n: number }>(
      target.database.db,
      sql`select count(*)::int as n from patients`,
    );
    const reuse = env.BENCH_KEEP !== undefined && held!.n > 0;
    if (!reuse) console.log(`${target.label}: generating ${n.toLocaleString('en')} patients…`);
    const load = reuse ? { loadMs: 0, indexMs: 0 } : await generatePatients(target.database.db, n);
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: '0', JOBS_ENABLED: 'false' });
    const app = await buildApp(config, { database: target.database, startJobs: false });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      const base = new URL(`http://127.0.0.1:${address.port}`);
      const token = await adminToken(app);
      const paths = await scenarioPaths(target.database.db, 1000);
      const [counts] = await queryRows<{ patients: number; identifiers: number }>(
        target.database.db,
        sql`select (select count(*)::int from patients) as patients,
                   (select count(*)::int from patient_identifiers) as identifiers`,
      );
      if (onPostgres) await explainScenarios(target.database.db, paths);
      const scenarios = [
        // Not a search: the cost of any authenticated route (token check, routing, JSON) for comparison.
        { name: 'baseline: GET /api/auth/me', targetP99Ms: null, paths: ['/api/auth/me'] },
        { name: 'MRN lookup', targetP99Ms: onPostgres ? 5 : null, paths: paths.mrn },
        { name: 'name prefix', targetP99Ms: onPostgres ? 20 : null, paths: paths.prefix },
        { name: 'fuzzy name', targetP99Ms: onPostgres ? 60 : null, paths: paths.fuzzy },
        { name: 'phone', targetP99Ms: null, paths: paths.phone },
      ];
      const only = env.BENCH_ONLY?.toLowerCase().split(',');
      const chosen = only
        ? scenarios.filter((s) => only.some((w) => s.name.toLowerCase().includes(w)))
        : scenarios;
      for (let round = 1; round <= int(env.BENCH_ROUNDS, 1); round++) {
        const loadBefore = os.loadavg()[0]!;
        const figures: Figures[] = [];
        for (const s of chosen) figures.push(await measure(base, token, s, { clients, requests, warmup }));
        console.log('');
        console.log(
          `Patient search benchmark: ${target.label}, ${os.cpus().length} CPUs, Node ${process.version}`,
        );
        console.log(
          `N = ${counts!.patients.toLocaleString('en')} patients, ${counts!.identifiers.toLocaleString('en')} identifiers; ` +
            (reuse
              ? `reused from database ${env.BENCH_KEEP}; `
              : `loaded in ${(load.loadMs / 1000).toFixed(1)} s, indexed in ${(load.indexMs / 1000).toFixed(1)} s; `) +
            `${clients} concurrent clients, ${requests} requests per scenario after ${warmup} warm-up; ` +
            `round ${round}, load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`,
        );
        printTable(figures);
      }
    } finally {
      await app.close();
    }
  } finally {
    await target.database.close();
    await target.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
