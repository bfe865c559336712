import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createTestApp, ORIGIN, type TestApp, type TestUser } from '../../test/test-app.ts';
import { sessions } from '../auth/auth.schema.ts';
import { type AuthDeps, principalFromSession } from '../auth/authenticate.ts';
import { hashToken } from '../auth/secret-token.ts';
import { CLOSE_CODES, createEventsHub, type EventsHub } from './events.hub.ts';
import { EVENTS_CHANNEL, publishEvent } from './events.publisher.ts';
import { connect, eventsUrl, openSocket, refusedStatus, type TestSocket } from './events.test-client.ts';

let t: TestApp;
let url: string;
let admin: TestUser;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = eventsUrl(t.app);
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await t?.close();
});

async function socketOf(cookie: string, origin = ORIGIN): Promise<TestSocket> {
  const socket = await connect(url, { cookie, origin });
  sockets.push(socket);
  return socket;
}

let markers = 0;
/** Publishes an event everyone sees; once a socket has it, every earlier event has reached it too. */
async function marker(): Promise<string> {
  const type = `test.marker.${++markers}`;
  await publishEvent(t.app.ctx.db, { type, permission: null });
  return type;
}

function patchUser(id: string, payload: Record<string, unknown>) {
  return t.request({ method: 'PATCH', url: `/api/users/${id}`, cookie: admin.cookie, payload });
}

describe('GET /api/events', () => {
  it('says hello, then forwards a committed change to those allowed to see it', async () => {
    const adminSocket = await socketOf(admin.cookie);
    expect(adminSocket.messages[0]).toMatchObject({ type: 'hello', at: expect.any(String) });
    const doctor = await t.userWithRoles(['doctor']);
    const doctorSocket = await socketOf(doctor.cookie);

    const subject = await t.userWithRoles(['nurse']);
    expect((await patchUser(subject.id, { name: 'Renamed Nurse' })).statusCode).toBe(200);

    const event = await adminSocket.next((m) => m.type === 'user.changed' && m.resourceId === subject.id);
    expect(event).toMatchObject({ permission: 'users:read', at: expect.any(String) });
    const last = await marker();
    await doctorSocket.next((m) => m.type === last);
    // The doctor has no users:read: the change never reached that socket.
    expect(doctorSocket.messages.map((m) => m.type)).not.toContain('user.changed');
  });

  it('never forwards an event of a rolled-back transaction', async () => {
    const socket = await socketOf(admin.cookie);
    await expect(
      t.app.ctx.db.transaction(async (tx) => {
        await publishEvent(tx, { type: 'test.rolled-back', permission: null });
        tx.rollback();
      }),
    ).rejects.toThrow();
    const last = await marker();
    await socket.next((m) => m.type === last);
    expect(socket.messages.map((m) => m.type)).not.toContain('test.rolled-back');
  });

  it("delivers an event naming a user to that user's sockets only", async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const other = await t.userWithRoles(['doctor']);
    const mine = await socketOf(doctor.cookie);
    const theirs = await socketOf(other.cookie);
    await publishEvent(t.app.ctx.db, { type: 'test.personal', permission: null, userId: doctor.id });
    await mine.next((m) => m.type === 'test.personal');
    const last = await marker();
    await theirs.next((m) => m.type === last);
    expect(theirs.messages.map((m) => m.type)).not.toContain('test.personal');
  });

  it('ignores a malformed payload and keeps going', async () => {
    const socket = await socketOf(admin.cookie);
    await t.app.ctx.db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, 'not json')`);
    await t.app.ctx.db.execute(
      sql`select pg_notify(${EVENTS_CHANNEL}, '{"type":"x","permission":"no:such"}')`,
    );
    const last = await marker();
    await socket.next((m) => m.type === last);
    expect(socket.messages.map((m) => m.type)).toEqual(['hello', last]);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('refuses an anonymous upgrade with 401, and one with a bad token too', async () => {
    expect(await refusedStatus(url, { origin: ORIGIN })).toBe(401);
    expect(await refusedStatus(url, { authorization: 'Bearer cbt_not-a-token' })).toBe(401);
    expect(await refusedStatus(url, { cookie: 'carebase_session=forged', origin: ORIGIN })).toBe(401);
  });

  it('closes a cookie-authenticated socket opened from another site (4403)', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const foreign = await openSocket(url, { cookie: doctor.cookie, origin: 'https://evil.example' });
    expect((await foreign.closed).code).toBe(CLOSE_CODES.forbiddenOrigin);
    expect(foreign.messages).toEqual([]);
    const noOrigin = await openSocket(url, { cookie: doctor.cookie });
    expect((await noOrigin.closed).code).toBe(CLOSE_CODES.forbiddenOrigin);
  });

  it('accepts an API token (no Origin needed) and closes its socket when the token is revoked', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/tokens',
      cookie: admin.cookie,
      payload: { name: 'events', permissions: ['users:read'] },
    });
    expect(res.statusCode).toBe(201);
    const { id, token } = res.json() as { id: string; token: string };
    const socket = await connect(url, { authorization: `Bearer ${token}` });
    sockets.push(socket);

    const subject = await t.userWithRoles(['nurse']);
    await patchUser(subject.id, { name: 'Seen By Token' });
    await socket.next((m) => m.type === 'user.changed' && m.resourceId === subject.id);

    const revoked = await t.request({
      method: 'DELETE',
      url: `/api/auth/tokens/${id}`,
      cookie: admin.cookie,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await socket.closed).code).toBe(CLOSE_CODES.unauthorized);
  });

  it("deactivating a user sends session.revoked to that user's socket, then closes it (4401)", async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const socket = await socketOf(doctor.cookie);
    expect((await patchUser(doctor.id, { active: false })).statusCode).toBe(200);
    const closed = await socket.closed;
    expect(closed.code).toBe(CLOSE_CODES.unauthorized);
    expect(socket.messages).toContainEqual(
      expect.objectContaining({ type: 'session.revoked', userId: doctor.id }),
    );
    // And the session cannot open a new one.
    expect(await refusedStatus(url, { cookie: doctor.cookie, origin: ORIGIN })).toBe(401);
  });
});

/** Stands in for a WebSocket where the hub is driven directly (timers, re-checks). */
function fakeSocket(opts: { answersPings: boolean }) {
  const state = { sent: [] as string[], closedWith: null as number | null, terminated: false, pings: 0 };
  const handlers = new Map<string, () => void>();
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (message: string) => state.sent.push(message),
    close(code: number) {
      state.closedWith = code;
      socket.readyState = 3;
    },
    terminate() {
      state.terminated = true;
      socket.readyState = 3;
    },
    ping: () => {
      state.pings++;
      if (opts.answersPings) setImmediate(() => handlers.get('pong')?.());
    },
    on: (event: string, handler: () => void) => {
      handlers.set(event, handler);
      return socket;
    },
  };
  return { socket: socket as unknown as WebSocket, state };
}

describe('events hub', () => {
  let hub: EventsHub;
  let auth: AuthDeps;
  beforeAll(async () => {
    const db = t.app.ctx.db;
    auth = { db, sessionIdleMs: t.config.sessionIdleMs };
    hub = createEventsHub(t.app.ctx, auth, { pingMs: 25, recheckMs: 3_600_000 });
    await hub.start();
  });
  afterAll(async () => hub?.close());

  const secretOf = (cookie: string) => cookie.slice('carebase_session='.length);

  it('re-checks sessions without counting as activity, and closes those that ended (logout)', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const secret = secretOf(doctor.cookie);
    const principal = await principalFromSession(auth, secret);
    if (!principal) throw new Error('no principal');
    const { socket, state } = fakeSocket({ answersPings: true });
    hub.attach(socket, principal, { via: 'session', secret });
    expect(JSON.parse(state.sent[0] ?? '{}')).toMatchObject({ type: 'hello' });

    const lastSeen = new Date(Date.now() - 5 * 60_000);
    await t.app.ctx.db
      .update(sessions)
      .set({ lastSeenAt: lastSeen })
      .where(sql`${sessions.tokenHash} = ${hashToken(secret)}`);
    await hub.recheck();
    expect(state.closedWith).toBeNull();
    const [row] = await t.app.ctx.db
      .select()
      .from(sessions)
      .where(sql`${sessions.tokenHash} = ${hashToken(secret)}`);
    expect(row?.lastSeenAt.getTime()).toBe(lastSeen.getTime());

    expect(
      (await t.request({ method: 'POST', url: '/api/auth/logout', cookie: doctor.cookie })).statusCode,
    ).toBe(200);
    await hub.recheck();
    expect(state.closedWith).toBe(CLOSE_CODES.unauthorized);
    // It answered the hub's pings all along: the re-check closed it, not the dead-client sweep.
    expect(state.terminated).toBe(false);
  });

  it('pings its clients and drops one that stops answering', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const secret = secretOf(doctor.cookie);
    const principal = await principalFromSession(auth, secret);
    if (!principal) throw new Error('no principal');
    const before = hub.clientCount();
    const { socket, state } = fakeSocket({ answersPings: false });
    hub.attach(socket, principal, { via: 'session', secret });
    expect(hub.clientCount()).toBe(before + 1);
    await expect.poll(() => state.terminated, { timeout: 2_000 }).toBe(true);
    expect(state.pings).toBeGreaterThan(0);
    expect(hub.clientCount()).toBe(before);
  });
});
