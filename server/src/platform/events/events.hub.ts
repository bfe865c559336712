import { EVENT_TYPES, type ServerEvent, ServerEventSchema } from '@carebase/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Principal } from '../access/principal.ts';
import { type AuthDeps, principalFromApiToken, principalFromSession } from '../auth/authenticate.ts';
import type { Database } from '../db/database.ts';
import { EVENTS_CHANNEL } from './events.publisher.ts';

/** Close codes of /api/events (4000–4999 are the application's own). */
export const CLOSE_CODES = {
  /** The session or token behind the socket ended, or the account lost access. */
  unauthorized: 4401,
  /** A cookie-authenticated upgrade from a page of another site. */
  forbiddenOrigin: 4403,
  /** The client does not read its messages fast enough. */
  tooSlow: 4408,
  goingAway: 1001,
} as const;

/** The secret a socket was opened with, kept to re-check it while the socket lives. */
export type Credential = { via: 'session' | 'token'; secret: string };

export type EventsHubOptions = {
  /** Ping every client this often; a client that did not answer the previous ping is dropped. */
  pingMs?: number;
  /** Re-check every socket's session or token this often. */
  recheckMs?: number;
  /** A client with more than this many bytes unsent is dropped rather than buffered without end. */
  maxBufferedBytes?: number;
};

export type EventsHub = {
  /** Subscribes to the events channel (once per app instance) and starts the timers. */
  start(): Promise<void>;
  /** Takes over an upgraded socket of an authenticated caller. */
  attach(socket: WebSocket, principal: Principal, credential: Credential): void;
  clientCount(): number;
  /** Re-checks every socket's session or token now; closes the sockets whose access ended. */
  recheck(): Promise<void>;
  /** Unsubscribes and closes every socket. */
  close(): Promise<void>;
};

type Client = { socket: WebSocket; principal: Principal; credential: Credential; alive: boolean };

/** Who receives an event: the permission it names (if any), and only its user when it names one. */
export function visibleTo(event: ServerEvent, principal: Principal): boolean {
  if (event.userId && event.userId !== principal.userId) return false;
  return event.permission === null || principal.permissions.includes(event.permission);
}

/** Parses a NOTIFY payload; null when it is not a ServerEvent. */
export function parseEventPayload(payload: string): ServerEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = ServerEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Bridges LISTEN/NOTIFY to the WebSockets of this instance. Every instance listens, so an event
 * committed through any of them reaches every connected client that may see it.
 */
export function createEventsHub(
  ctx: { database: Database; log: FastifyBaseLogger },
  auth: AuthDeps,
  opts: EventsHubOptions = {},
): EventsHub {
  const pingMs = opts.pingMs ?? 30_000;
  const recheckMs = opts.recheckMs ?? 60_000;
  const maxBufferedBytes = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
  const log = ctx.log.child({ component: 'events' });
  const clients = new Set<Client>();
  let unlisten: (() => Promise<void>) | undefined;
  let timers: NodeJS.Timeout[] = [];
  let closed = false;
  let rechecking: Promise<void> | undefined;

  function drop(client: Client, code: number, reason: string): void {
    clients.delete(client);
    client.socket.close(code, reason);
  }

  function send(client: Client, message: string): void {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      log.warn({ userId: client.principal.userId }, 'dropped an events client that does not keep up');
      clients.delete(client);
      socket.terminate();
      return;
    }
    socket.send(message);
  }

  async function recheckClient(client: Client): Promise<void> {
    const { via, secret } = client.credential;
    let principal: Principal | null;
    try {
      // Re-checking is not activity: the session's idle timeout keeps running while a tab only listens.
      principal =
        via === 'session'
          ? await principalFromSession(auth, secret, new Date(), { touch: false })
          : await principalFromApiToken(auth, secret);
    } catch (err) {
      // The database may be briefly away; keep the socket and try again next round.
      log.warn({ err }, 'could not re-check an events client');
      return;
    }
    if (!clients.has(client)) return;
    if (!principal || principal.mfaEnrollmentRequired || principal.passwordChangeRequired) {
      drop(client, CLOSE_CODES.unauthorized, via === 'session' ? 'session ended' : 'token no longer valid');
      return;
    }
    client.principal = principal;
  }

  async function recheckWhere(predicate: (client: Client) => boolean): Promise<void> {
    await Promise.all([...clients].filter(predicate).map(recheckClient));
  }

  function recheck(): Promise<void> {
    rechecking ??= recheckWhere(() => true).finally(() => {
      rechecking = undefined;
    });
    return rechecking;
  }

  function onPayload(payload: string): void {
    const event = parseEventPayload(payload);
    if (!event) {
      log.warn({ payload: payload.slice(0, 500) }, `ignored a malformed payload on ${EVENTS_CHANNEL}`);
      return;
    }
    const message = JSON.stringify(event);
    for (const client of clients) if (visibleTo(event, client.principal)) send(client, message);
    afterDelivery(event);
  }

  /** Events that change who may see what: sockets of the concerned accounts are closed or re-checked. */
  function afterDelivery(event: ServerEvent): void {
    if (event.type === EVENT_TYPES.sessionRevoked && event.userId) {
      const userId = event.userId;
      for (const client of [...clients]) {
        if (client.principal.userId !== userId) continue;
        if (client.credential.via === 'session') drop(client, CLOSE_CODES.unauthorized, 'session revoked');
      }
      // The account's tokens stay, but their rights follow the account's roles.
      void recheckWhere((c) => c.principal.userId === userId);
    } else if (event.type === EVENT_TYPES.userChanged) {
      const userId = event.userId ?? event.resourceId;
      if (userId) void recheckWhere((c) => c.principal.userId === userId);
    } else if (event.type === EVENT_TYPES.roleChanged) {
      void recheck();
    }
  }

  function ping(): void {
    for (const client of [...clients]) {
      if (!client.alive) {
        clients.delete(client);
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }

  return {
    async start() {
      if (unlisten || closed) return;
      unlisten = await ctx.database.listen(EVENTS_CHANNEL, onPayload);
      const pinger = setInterval(ping, pingMs);
      const rechecker = setInterval(() => void recheck(), recheckMs);
      pinger.unref();
      rechecker.unref();
      timers = [pinger, rechecker];
    },

    attach(socket, principal, credential) {
      if (closed) {
        socket.close(CLOSE_CODES.goingAway, 'server shutting down');
        return;
      }
      const client: Client = { socket, principal, credential, alive: true };
      clients.add(client);
      socket.on('pong', () => {
        client.alive = true;
      });
      socket.on('close', () => {
        clients.delete(client);
      });
      // Clients only listen; anything they send is ignored.
      socket.on('message', () => {});
      send(client, JSON.stringify({ type: 'hello', at: new Date().toISOString() }));
    },

    clientCount: () => clients.size,

    recheck,

    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      for (const client of [...clients]) drop(client, CLOSE_CODES.goingAway, 'server shutting down');
      await rechecking?.catch(() => {});
      const stop = unlisten;
      unlisten = undefined;
      await stop?.();
    },
  };
}
