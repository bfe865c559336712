import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createRole } from '../../modules/roles/roles.service.ts';
import { createUser } from '../../modules/users/users.service.ts';
import { ORIGIN, PASSWORD } from '../../test/test-app.ts';
import { createTestDatabase, onPostgres } from '../../test/test-database.ts';
import { SYSTEM_ACTOR } from '../audit/audit.writer.ts';
import { type Database, queryRows } from '../db/database.ts';
import { openPostgres } from '../db/postgres.ts';

/**
 * Two instances on one PostgreSQL database, each with its own pool and LISTEN connection. B's connections
 * carry an application name of their own, so its listener can be found and cut.
 */
const B_NAME = 'carebase_cache_b';
let primary: Database & { url?: string };
let secondary: Database;
let a: FastifyInstance;
let b: FastifyInstance;
let managerCookie: string;
const dirs: string[] = [];

async function instance(database: Database): Promise<FastifyInstance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-cache-'));
  dirs.push(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '8080' });
  const app = await buildApp(config, { database, startJobs: false });
  await app.ready();
  return app;
}

const send = (app: FastifyInstance, opts: InjectOptions & { cookie?: string; token?: string }) => {
  const { cookie, token, ...rest } = opts;
  const headers = { origin: ORIGIN, ...(cookie ? { cookie } : {}) };
  return app.inject({ ...rest, headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers });
};

let counter = 0;
async function account(roles: string[]): Promise<{ id: string; cookie: string }> {
  const email = `cache${++counter}@example.org`;
  const user = await createUser(a.ctx, SYSTEM_ACTOR, {
    email,
    name: 'Cache test',
    roles,
    password: PASSWORD,
  });
  const res = await send(a, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: PASSWORD },
  });
  const set = res.cookies.find((c) => c.name === 'carebase_session');
  if (!set) throw new Error(`login failed: ${res.body}`);
  return { id: user.id, cookie: `carebase_session=${set.value}` };
}

async function cachedTokenOnB(): Promise<{ id: string; token: string; cookie: string }> {
  const { cookie } = await account(['doctor']);
  const res = await send(a, { method: 'POST', url: '/api/auth/tokens', cookie, payload: { name: 'b' } });
  const { id, token } = res.json() as { id: string; token: string };
  await meOnB({ token });
  const hits = b.ctx.credentialCache.stats().hits;
  expect(await meOnB({ token })).toBe(200);
  expect(b.ctx.credentialCache.stats().hits).toBe(hits + 1);
  return { id, token, cookie };
}

const meOnB = async (auth: { cookie?: string; token?: string }) =>
  (await send(b, { method: 'GET', url: '/api/auth/me', ...auth })).statusCode;

const revokeOnA = async (t: { id: string; cookie: string }) =>
  expect(
    (await send(a, { method: 'DELETE', url: `/api/auth/tokens/${t.id}`, cookie: t.cookie })).statusCode,
  ).toBe(200);

beforeAll(async () => {
  if (!onPostgres) return;
  primary = await createTestDatabase();
  const url = new URL(primary.url ?? '');
  url.searchParams.set('application_name', B_NAME);
  secondary = await openPostgres(url.toString(), 5);
  a = await instance(primary);
  b = await instance(secondary);
  await createRole(a.ctx, SYSTEM_ACTOR, {
    key: 'user-manager',
    name: 'User manager',
    description: '',
    mfaRequired: false,
    permissions: ['users:read', 'users:write'],
  });
  managerCookie = (await account(['user-manager'])).cookie;
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await secondary?.close();
  await primary?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!onPostgres)('credential cache across instances (PostgreSQL)', () => {
  it('a token cached on B and revoked through A is refused by B within 2 s', async () => {
    const t = await cachedTokenOnB();
    await revokeOnA(t);
    await expect.poll(() => meOnB({ token: t.token }), { timeout: 2_000, interval: 20 }).toBe(401);
  });

  it('a session cached on B of a user deactivated through A is refused by B within 2 s', async () => {
    const nurse = await account(['nurse']);
    expect(await meOnB({ cookie: nurse.cookie })).toBe(200);
    expect(await meOnB({ cookie: nurse.cookie })).toBe(200);
    const res = await send(a, {
      method: 'PATCH',
      url: `/api/users/${nurse.id}`,
      cookie: managerCookie,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    await expect.poll(() => meOnB({ cookie: nurse.cookie }), { timeout: 2_000, interval: 20 }).toBe(401);
  });

  it('a change made while B is not listening is honoured once B listens again', async () => {
    const t = await cachedTokenOnB();
    const epoch = b.ctx.database.listenerEpoch();
    expect(epoch).not.toBeNull();
    await cutListenerOfB();
    // Committed while nothing of B listens: its NOTIFY never reaches B.
    await revokeOnA(t);
    await expect.poll(() => b.ctx.database.listenerEpoch(), { timeout: 10_000, interval: 20 }).not.toBeNull();
    expect(b.ctx.database.listenerEpoch()).not.toBe(epoch);
    expect(await meOnB({ token: t.token })).toBe(401);

    // Listening again, B caches and is told of changes as before.
    const next = await cachedTokenOnB();
    await revokeOnA(next);
    await expect.poll(() => meOnB({ token: next.token }), { timeout: 2_000, interval: 20 }).toBe(401);
  });

  it('while B is not listening it reads the database on every request', async () => {
    const t = await cachedTokenOnB();
    await cutListenerOfB();
    await revokeOnA(t);
    expect(await meOnB({ token: t.token })).toBe(401);
  });
});

/** What a network cut or a restart does to B's LISTEN connection; resolves once B has noticed. */
async function cutListenerOfB(): Promise<void> {
  const rows = await queryRows<{ pid: number }>(
    a.ctx.db,
    sql`select pid from pg_stat_activity
        where application_name = ${B_NAME} and query like 'LISTEN%' and datname = current_database()`,
  );
  expect(rows).toHaveLength(1);
  await a.ctx.db.execute(sql`select pg_terminate_backend(${rows[0]!.pid})`);
  await expect.poll(() => b.ctx.database.listenerEpoch(), { timeout: 5_000, interval: 5 }).toBeNull();
}
