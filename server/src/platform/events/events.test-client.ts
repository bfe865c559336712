import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';

/** A message received on /api/events. */
export type Received = { type: string } & Record<string, unknown>;

/** A WebSocket client for tests: keeps every message, and waits for the ones a test expects. */
export type TestSocket = {
  ws: WebSocket;
  messages: Received[];
  /** The first message (already received or still to come) that matches. */
  next(match: (message: Received) => boolean, timeoutMs?: number): Promise<Received>;
  /** Resolves when the server (or the client) closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
};

/** ws://host:port/api/events of an app listening on a TCP port. */
export function eventsUrl(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${address.port}/api/events`;
}

/** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, { headers });
  const messages: Received[] = [];
  const waiters = new Set<{ match: (m: Received) => boolean; resolve: (m: Received) => void }>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Received;
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.delete(w);
        w.resolve(message);
      }
    }
  });
  // Errors also end in 'close' (or reject the opening below); none may go unhandled.
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  const socket: TestSocket = {
    ws,
    messages,
    closed,
    next(match, timeoutMs = 10_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching message in ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { statusCode: res.statusCode }));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** Opens a socket and waits for the server's hello: from then on the hub delivers to it. */
export async function connect(url: string, headers: Record<string, string>): Promise<TestSocket> {
  const socket = await openSocket(url, headers);
  await socket.next((m) => m.type === 'hello');
  return socket;
}

/** The HTTP status of a refused upgrade. */
export async function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const socket = await openSocket(url, headers);
    socket.ws.close();
  } catch (err) {
    return (err as { statusCode?: number }).statusCode ?? -1;
  }
  throw new Error('the upgrade was accepted');
}
