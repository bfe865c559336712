import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPatient } from '../../modules/patients/patient-test-fixtures.ts';
import { createTestApp, ORIGIN, type TestApp, type TestUser } from '../../test/test-app.ts';
import { openSocket } from '../events/events.test-client.ts';

const HEADERS_MS = 300;
const REQUEST_MS = 600;
const KEEP_ALIVE_MS = 300;

let t: TestApp;
let port: number;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({
    headersTimeoutMs: HEADERS_MS,
    requestTimeoutMs: REQUEST_MS,
    keepAliveTimeoutMs: KEEP_ALIVE_MS,
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

type Outcome = { text: string; closedAfterMs: number };

/** Writes raw bytes on a fresh socket, sends nothing more, and reports what came back and when the server closed it. */
function stall(bytes: string, giveUpMs = 10_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect({ port, host: '127.0.0.1' });
    let text = '';
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open for ${giveUpMs} ms; it answered: ${text}`));
    }, giveUpMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
    socket.write(bytes);
  });
}

function expect408(outcome: Outcome) {
  const [head = '', body = ''] = outcome.text.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  expect(head.toLowerCase()).toContain('content-type: application/problem+json');
  expect(JSON.parse(body)).toMatchObject({ status: 408, code: 'request_timeout' });
}

const partialPost = (path: string, contentType: string, cookie?: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}` +
  `Content-Type: ${contentType}\r\nContent-Length: 900000\r\n\r\n{"`;

describe('deadlines for slow or stalled clients', () => {
  it('a body that stops arriving gets 408 and the socket closes (sign-in, patients, attachments)', async () => {
    // Uploads stream to storage as they arrive, so the attachment one stalls inside the handler, signed in.
    const patient = await registerPatient(t);
    const outcomes = await Promise.all([
      stall(partialPost('/api/auth/login', 'application/json')),
      stall(partialPost('/api/patients', 'application/json')),
      stall(
        partialPost(
          `/api/patients/${patient.id}/attachments?filename=a.png&kind=other`,
          'image/png',
          admin.cookie,
        ),
      ),
    ]);
    for (const outcome of outcomes) {
      expect408(outcome);
      expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_MS - 50);
      expect(outcome.closedAfterMs).toBeLessThan(REQUEST_MS + 5000);
    }
  });

  it('many stalled bodies at once are all closed', async () => {
    // Not on sign-in: its rate limit (per minute) answers 429 before the body is read.
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => stall(partialPost('/api/patients', 'application/json'))),
    );
    for (const outcome of outcomes) expect408(outcome);
  });

  it('headers that never finish get 408 and the socket closes', async () => {
    const outcome = await stall('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect408(outcome);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_MS - 50);
    expect(outcome.closedAfterMs).toBeLessThan(REQUEST_MS + 5000);
  });

  it('an idle keep-alive connection is closed after its answer, without another response', async () => {
    const outcome = await stall('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(outcome.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(outcome.text).not.toContain('408');
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 50);
    expect(outcome.closedAfterMs).toBeLessThan(KEEP_ALIVE_MS + 5000);
  });

  it('a request that arrives in time is answered normally', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'nobody@example.org', password: 'not the password' }),
    });
    expect(res.status).toBe(401);
  });

  it('leaves an open WebSocket alone past the request deadline', async () => {
    const socket = await openSocket(`ws://127.0.0.1:${port}/api/events`, {
      cookie: admin.cookie,
      origin: ORIGIN,
    });
    await new Promise((resolve) => setTimeout(resolve, REQUEST_MS * 2 + 200));
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    socket.ws.close();
    await socket.closed;
  });
});
