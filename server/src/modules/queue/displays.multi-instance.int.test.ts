import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import type { Database } from '../../platform/db/database.ts';
import { openPostgres } from '../../platform/db/postgres.ts';
import { openSocket, type TestSocket } from '../../platform/events/events.test-client.ts';
import { ORIGIN, PASSWORD } from '../../test/test-app.ts';
import { createTestDatabase, onPostgres } from '../../test/test-database.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { createUser } from '../users/users.service.ts';
import { createDisplay } from './displays.service.ts';
import { insertAppointment, insertService } from './queue-fixtures.ts';

/**
 * Two app instances on one PostgreSQL, each with its own pool and LISTEN connection, as behind a load
 * balancer. PGlite is one process's database, so there is nothing to show there.
 */
let primary: Database & { url?: string };
let secondary: Database;
let a: FastifyInstance;
let b: FastifyInstance;
const dirs: string[] = [];
const sockets: TestSocket[] = [];

async function instance(database: Database): Promise<FastifyInstance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-displays-'));
  dirs.push(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '8080' });
  const app = await buildApp(config, { database, startJobs: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

describe.skipIf(!onPostgres)('displays across instances', () => {
  beforeAll(async () => {
    primary = await createTestDatabase();
    if (!primary.url) throw new Error('the PostgreSQL test database has no url');
    secondary = await openPostgres(primary.url, 5);
    a = await instance(primary);
    b = await instance(secondary);
  });

  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await a?.close();
    await b?.close();
    await secondary?.close();
    await primary?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a check-in through instance A reaches a display socket connected to instance B', async () => {
    const email = 'desk-multi@example.org';
    await createUser(a.ctx, SYSTEM_ACTOR, {
      email,
      name: 'Desk',
      roles: ['receptionist'],
      password: PASSWORD,
    });
    const doctor = await createUser(a.ctx, SYSTEM_ACTOR, {
      email: 'doc-multi@example.org',
      name: 'Doc',
      roles: ['doctor'],
      password: PASSWORD,
    });
    const login = await a.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { email, password: PASSWORD },
    });
    const session = login.cookies.find((c) => c.name === 'carebase_session');
    if (!session) throw new Error(`login failed: ${login.body}`);

    const db = a.ctx.db;
    const serviceId = await insertService(db, 'general', [doctor.id]);
    const patientId = await insertPatient(db);
    const appointmentId = await insertAppointment(db, { patientId, providerId: doctor.id, serviceId });
    const { token } = await createDisplay(a.ctx, SYSTEM_ACTOR, { departmentKey: 'general', name: 'Hall' });

    const { port } = b.server.address() as AddressInfo;
    const screen = await openSocket(`ws://127.0.0.1:${port}/api/display/general/socket?token=${token}`);
    sockets.push(screen);
    await screen.next((m) => m.type === 'display.state');

    const res = await a.inject({
      method: 'POST',
      url: '/api/queue/check-in',
      headers: { origin: ORIGIN, cookie: `carebase_session=${session.value}` },
      payload: { appointmentId },
    });
    expect(res.statusCode).toBe(201);
    const ticket = res.json().ticket as string;
    const update = await screen.next(
      (m) => m.type === 'display.state' && (m.state as { next: string[] }).next.includes(ticket),
    );
    expect(update).toMatchObject({ state: { department: { key: 'general' } } });
  });
});
