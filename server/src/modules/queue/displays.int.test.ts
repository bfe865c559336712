import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../platform/events/events.hub.ts';
import { openSocket, refusedStatus, type TestSocket } from '../../platform/events/events.test-client.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths } from '../../test/test-queries.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { insertDepartment, insertRoom, insertService } from './queue-fixtures.ts';

let t: TestApp;
let admin: TestUser;
let receptionist: TestUser;
let doctor: TestUser;
let departmentKey: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await t.userWithRoles(['admin']);
  receptionist = await t.userWithRoles(['receptionist']);
  doctor = await t.userWithRoles(['doctor']);
  departmentKey = await insertDepartment(t.app.ctx.db, 'V');
  await insertService(t.app.ctx.db, departmentKey, [doctor.id]);
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await t?.close();
});

const socketUrl = (department: string, token?: string) => {
  const { port } = t.app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}/api/display/${department}/socket${token ? `?token=${encodeURIComponent(token)}` : ''}`;
};

async function createDisplay(
  department = departmentKey,
  name = 'Lobby',
): Promise<{ id: string; token: string }> {
  const res = await t.request({
    method: 'POST',
    url: '/api/displays',
    cookie: admin.cookie,
    payload: { departmentKey: department, name },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function walkIn(priority = 'normal'): Promise<{ id: string; ticket: string; patientId: string }> {
  const patientId = await insertPatient(t.app.ctx.db, { givenName: 'Secret', familyName: 'Patientname' });
  const res = await t.request({
    method: 'POST',
    url: '/api/queue/walk-in',
    cookie: receptionist.cookie,
    payload: { patientId, departmentKey, priority },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

type State = { nowServing: { ticket: string; room: string | null }[]; next: string[] };
const stateOf = (m: Record<string, unknown>) => m.state as State;

describe('/api/displays (admin)', () => {
  it('creates a display and shows its token once; lists and revokes, audited', async () => {
    const created = await createDisplay(departmentKey, 'Entrance');
    expect(created.token).toMatch(/^cbd_/);
    const list = await t.request({ method: 'GET', url: '/api/displays', cookie: admin.cookie });
    const listed = (list.json().items as Record<string, unknown>[]).find((d) => d.id === created.id);
    expect(listed).toMatchObject({ name: 'Entrance', departmentKey, revokedAt: null });
    expect(listed).not.toHaveProperty('token');
    expect(JSON.stringify(list.json())).not.toContain(created.token);

    const revoke = () =>
      t.request({ method: 'DELETE', url: `/api/displays/${created.id}`, cookie: admin.cookie });
    expect((await revoke()).json().revokedAt).toEqual(expect.any(String));
    expect((await revoke()).statusCode).toBe(200);
    expect(await auditOf(t.app.ctx.db, 'display.create', created.id)).toHaveLength(1);
    expect(await auditOf(t.app.ctx.db, 'display.revoke', created.id)).toHaveLength(1);
  });

  it('validates input, and only admins manage displays', async () => {
    const bad = await t.request({
      method: 'POST',
      url: '/api/displays',
      cookie: admin.cookie,
      payload: { departmentKey: 'nowhere', name: 'X' },
    });
    expect(errorPaths(bad)).toEqual(['body.departmentKey']);
    const blank = await t.request({
      method: 'POST',
      url: '/api/displays',
      cookie: admin.cookie,
      payload: { departmentKey, name: ' ' },
    });
    expect(errorPaths(blank)).toEqual(['body.name']);
    const denied = await t.request({ method: 'GET', url: '/api/displays', cookie: receptionist.cookie });
    expect(denied.statusCode).toBe(403);
    const missing = await t.request({
      method: 'DELETE',
      url: `/api/displays/${crypto.randomUUID()}`,
      cookie: admin.cookie,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /api/display/:department', () => {
  it('shows tickets now served per room and the next numbers, never a patient name', async () => {
    const { token } = await createDisplay();
    const first = await walkIn();
    const second = await walkIn();
    const urgent = await walkIn('emergency');
    const roomId = await insertRoom(t.app.ctx.db, departmentKey, `Room ${departmentKey}`);
    const call = await t.request({
      method: 'POST',
      url: '/api/queue/call-next',
      cookie: doctor.cookie,
      payload: { departmentKey, roomId },
    });
    expect(call.json().id).toBe(urgent.id);

    const res = await t.request({ method: 'GET', url: `/api/display/${departmentKey}?token=${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      department: { key: departmentKey, name: 'Department V' },
      nowServing: [{ ticket: urgent.ticket, room: `Room ${departmentKey}` }],
      next: [first.ticket, second.ticket],
    });
    expect(res.body).not.toMatch(/Secret|Patientname/);
    expect(res.body).not.toContain(first.patientId);

    const viaHeader = await t.request({
      method: 'GET',
      url: `/api/display/${departmentKey}`,
      headers: { 'x-display-token': token },
    });
    expect(viaHeader.statusCode).toBe(200);
  });

  it('401 without a valid token, 403 with another department’s token', async () => {
    expect((await t.request({ method: 'GET', url: `/api/display/${departmentKey}` })).statusCode).toBe(401);
    const wrong = await t.request({ method: 'GET', url: `/api/display/${departmentKey}?token=cbd_nope` });
    expect(wrong.statusCode).toBe(401);
    const dental = await createDisplay('dental', 'Dental lobby');
    const other = await t.request({
      method: 'GET',
      url: `/api/display/${departmentKey}?token=${dental.token}`,
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('GET /api/display/:department/socket', () => {
  it('sends the state on connect and after every change of its department only', async () => {
    const { token } = await createDisplay();
    const socket = await openSocket(socketUrl(departmentKey, token));
    sockets.push(socket);
    await socket.next((m) => m.type === 'display.state');

    const added = await walkIn();
    const update = await socket.next(
      (m) => m.type === 'display.state' && stateOf(m).next.includes(added.ticket),
    );
    expect(JSON.stringify(update)).not.toMatch(/Secret|Patientname/);

    const dentalDisplay = await createDisplay('dental', 'Dental wall');
    const dentalSocket = await openSocket(socketUrl('dental', dentalDisplay.token));
    sockets.push(dentalSocket);
    const initial = await dentalSocket.next((m) => m.type === 'display.state');
    expect((initial.state as { department: { key: string } }).department.key).toBe('dental');
    await walkIn();
    // The change of another department never reached the dental screen.
    await new Promise((r) => setTimeout(r, 300));
    expect(dentalSocket.messages).toHaveLength(1);
  });

  it("speaks the clinic's default language, sent again to open screens when it changes", async () => {
    const { token } = await createDisplay();
    const socket = await openSocket(socketUrl(departmentKey, token));
    sockets.push(socket);
    const initial = await socket.next((m) => m.type === 'display.state');
    expect(initial.state).toMatchObject({ language: 'en' });
    const setLanguage = (defaultLanguage: string) =>
      t.request({
        method: 'PATCH',
        url: '/api/settings/system',
        cookie: admin.cookie,
        payload: { defaultLanguage },
      });
    expect((await setLanguage('es')).statusCode).toBe(200);
    try {
      await socket.next(
        (m) => m.type === 'display.state' && (m.state as { language: string }).language === 'es',
      );
      const res = await t.request({ method: 'GET', url: `/api/display/${departmentKey}?token=${token}` });
      expect(res.json().language).toBe('es');
    } finally {
      await setLanguage('en');
    }
  });

  it('refuses the upgrade without a valid token (401), and closes the socket when the token is revoked', async () => {
    expect(await refusedStatus(socketUrl(departmentKey))).toBe(401);
    expect(await refusedStatus(socketUrl(departmentKey, 'cbd_forged'))).toBe(401);
    const { id, token } = await createDisplay();
    const socket = await openSocket(socketUrl(departmentKey, token));
    sockets.push(socket);
    await socket.next((m) => m.type === 'display.state');
    await t.request({ method: 'DELETE', url: `/api/displays/${id}`, cookie: admin.cookie });
    expect((await socket.closed).code).toBe(CLOSE_CODES.unauthorized);
    expect(await refusedStatus(socketUrl(departmentKey, token))).toBe(401);
  });
});

describe('rate limit', () => {
  it('answers 429 once an address asks too often', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) {
      const res = await t.request({ method: 'GET', url: `/api/display/${departmentKey}?token=cbd_x${i}` });
      statuses.push(res.statusCode);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 401)).toBe(true);
  });
});
