import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'server/bin/carebase.mjs');
const run = promisify(execFile);

export type BenchCluster = {
  urls: string[];
  token: string;
  /** The server processes, for measuring their CPU time. */
  pids: number[];
  /** The cluster's own PostgreSQL database, or null on PGlite. */
  databaseUrl: string | null;
  /** The tail of the servers' output (logs), for explaining a failure. */
  output(): string;
  close(): Promise<void>;
};

/** A port nobody listens on right now, on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`a server exited early:\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`a server was not ready in time:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A fresh database, migrated, with an administrator and an API token made by the CLI, and `instances` servers
 * started as a user would (`carebase start`), each its own process. `serverUrl` is a PostgreSQL server (a
 * database is created there and dropped at the end) or 'pglite' for the embedded database (one instance).
 */
export async function startCluster(
  serverUrl: string,
  instances: number,
  extraEnv: Record<string, string> = {},
): Promise<BenchCluster> {
  const embedded = serverUrl === 'pglite';
  const admin = embedded ? null : new pg.Client({ connectionString: serverUrl });
  await admin?.connect();
  const name = `carebase_bench_${randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv };
  delete env.DATABASE_URL;
  if (admin) {
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  }
  const children: ChildProcess[] = [];
  const outputs: (() => string)[] = [];
  const close = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    await admin?.query(`drop database if exists ${name} with (force)`);
    await admin?.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await run(process.execPath, [CLI, 'migrate'], { env });
    const email = 'bench-admin@example.org';
    await run(
      process.execPath,
      [CLI, 'create-admin', '--email', email, '--password', `Bench ${name} long pass`],
      {
        env,
      },
    );
    const created = await run(process.execPath, [CLI, 'create-token', '--email', email, '--name', 'bench'], {
      env,
    });
    const token = created.stdout.trim().split('\n').at(-1)!.trim();
    const urls: string[] = [];
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      // BENCH_NODE_ARGS: options for the server processes, e.g. --cpu-prof --cpu-prof-dir=/tmp/profiles.
      const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
      const child = spawn(process.execPath, [...nodeArgs, CLI, 'start'], {
        env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Keep the tail of the output for error messages; request logs at info would otherwise pile up here.
      let out = '';
      const keep = (d: Buffer) => {
        out = (out + d).slice(-20_000);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      outputs.push(() => out);
      children.push(child);
      const base = `http://127.0.0.1:${port}`;
      await waitReady(base, child, () => out);
      urls.push(base);
    }
    return {
      urls,
      token,
      close,
      pids: children.map((c) => c.pid!),
      databaseUrl: env.DATABASE_URL ?? null,
      output: () => outputs.map((o) => o()).join('\n'),
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A JSON request with the bench token; throws with the body on an unexpected status. */
export async function api<T>(
  base: string,
  token: string,
  method: string,
  route: string,
  body?: unknown,
  expect: number[] = [200, 201],
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!expect.includes(res.status))
    throw new Error(`${method} ${route} → ${res.status}: ${text.slice(0, 500)}`);
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
