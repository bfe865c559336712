import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { updateUser } from '../../modules/users/users.repository.ts';
import { createUser } from '../../modules/users/users.service.ts';
import { ORIGIN, PASSWORD } from '../../test/test-app.ts';
import { createTestDatabase, onPostgres } from '../../test/test-database.ts';
import { SYSTEM_ACTOR } from '../audit/audit.writer.ts';
import { currentTotp, newTotpSecret } from '../auth/totp.ts';
import type { Database } from '../db/database.ts';
import { openPostgres } from '../db/postgres.ts';
import { CLOSE_CODES } from './events.hub.ts';
import { connect, eventsUrl, type TestSocket } from './events.test-client.ts';

/**
 * Two app instances on one database, as behind a load balancer. On PostgreSQL each has its own pool
 * (so its own LISTEN connection) to the same database; PGlite is one process's database, so there the
 * two instances share the one Database object, which is as close as it gets.
 */
let primary: Database & { url?: string };
let secondary: Database;
let a: FastifyInstance;
let b: FastifyInstance;
const dirs: string[] = [];
const sockets: TestSocket[] = [];

async function instance(database: Database): Promise<FastifyInstance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-multi-'));
  dirs.push(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '8080' });
  const app = await buildApp(config, { database, startJobs: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

async function login(app: FastifyInstance, email: string, otp?: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN },
    payload: { email, password: PASSWORD, otp },
  });
  const set = res.cookies.find((c) => c.name === 'carebase_session');
  if (res.statusCode !== 200 || !set) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return `carebase_session=${set.value}`;
}

beforeAll(async () => {
  primary = await createTestDatabase();
  if (onPostgres) {
    if (!primary.url) throw new Error('the PostgreSQL test database has no url');
    secondary = await openPostgres(primary.url, 5);
  } else {
    secondary = primary;
  }
  a = await instance(primary);
  b = await instance(secondary);
});

afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await a?.close();
  await b?.close();
  if (secondary && secondary !== primary) await secondary.close();
  await primary?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('two instances on one database', () => {
  it('runs on separate connections when on PostgreSQL', () => {
    expect(secondary === primary).toBe(!onPostgres);
    expect(a.ctx.database).toBe(primary);
    expect(b.ctx.database).toBe(secondary);
  });

  it('an event caused through instance A reaches the WebSocket clients of instance B', async () => {
    const adminEmail = 'multi-admin@example.org';
    const adminUser = await createUser(a.ctx, SYSTEM_ACTOR, {
      email: adminEmail,
      name: 'Multi Admin',
      roles: ['admin'],
      password: PASSWORD,
    });
    const totpSecret = newTotpSecret();
    await updateUser(a.ctx.db, adminUser.id, { totpSecret, totpEnabled: true });
    const adminCookie = await login(a, adminEmail, currentTotp(totpSecret));

    const doctorEmail = 'multi-doctor@example.org';
    const doctorUser = await createUser(a.ctx, SYSTEM_ACTOR, {
      email: doctorEmail,
      name: 'Multi Doctor',
      roles: ['doctor'],
      password: PASSWORD,
    });
    const doctorCookie = await login(a, doctorEmail);

    // Both listen on instance B; the sessions were created through instance A.
    const adminOnB = await connect(eventsUrl(b), { cookie: adminCookie, origin: ORIGIN });
    const doctorOnB = await connect(eventsUrl(b), { cookie: doctorCookie, origin: ORIGIN });
    sockets.push(adminOnB, doctorOnB);

    // The admin deactivates the doctor through instance A.
    const res = await a.inject({
      method: 'PATCH',
      url: `/api/users/${doctorUser.id}`,
      headers: { origin: ORIGIN, cookie: adminCookie },
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);

    const changed = await adminOnB.next((m) => m.type === 'user.changed' && m.resourceId === doctorUser.id);
    expect(changed).toMatchObject({ permission: 'users:read' });
    // Instance B ends the doctor's socket although the session was revoked on A.
    expect((await doctorOnB.closed).code).toBe(CLOSE_CODES.unauthorized);
    expect(doctorOnB.messages).toContainEqual(
      expect.objectContaining({ type: 'session.revoked', userId: doctorUser.id }),
    );
    expect(doctorOnB.messages.map((m) => m.type)).not.toContain('user.changed');
  });
});
