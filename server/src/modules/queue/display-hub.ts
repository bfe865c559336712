import { type DisplayMessage, type DisplayState, EVENT_TYPES } from '@carebase/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Database } from '../../platform/db/database.ts';
import { CLOSE_CODES, parseEventPayload } from '../../platform/events/events.hub.ts';
import { EVENTS_CHANNEL } from '../../platform/events/events.publisher.ts';
import { revokedAmong } from './displays.repository.ts';
import { displayState } from './displays.service.ts';

export type DisplayHubOptions = {
  /** Ping every screen this often; one that did not answer the previous ping is dropped. */
  pingMs?: number;
  /** Re-check the tokens of open screens this often (revocations also arrive as events at once). */
  recheckMs?: number;
};

export type DisplayHub = {
  start(): Promise<void>;
  /** Takes over the socket of a screen whose token was checked; sends it the current state. */
  attach(socket: WebSocket, display: { id: string; departmentKey: string }): void;
  clientCount(): number;
  close(): Promise<void>;
};

type Screen = { socket: WebSocket; displayId: string; departmentKey: string; alive: boolean };

/**
 * Pushes each department's display state to its screens. It listens on the events channel itself, so a queue
 * change committed through any instance refreshes the screens connected to every instance. Bursts of changes
 * are coalesced: one state is computed per department at a time, and again if more changes came meanwhile.
 */
export function createDisplayHub(
  ctx: { database: Database; log: FastifyBaseLogger },
  opts: DisplayHubOptions = {},
): DisplayHub {
  const pingMs = opts.pingMs ?? 30_000;
  const recheckMs = opts.recheckMs ?? 60_000;
  const log = ctx.log.child({ component: 'displays' });
  const db = ctx.database.db;
  const screens = new Set<Screen>();
  const refreshing = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  let unlisten: (() => Promise<void>) | undefined;
  let timers: NodeJS.Timeout[] = [];
  let closed = false;

  const messageOf = (state: DisplayState) =>
    JSON.stringify({ type: 'display.state', state } satisfies DisplayMessage);

  function send(screen: Screen, message: string): void {
    if (screen.socket.readyState === screen.socket.OPEN) screen.socket.send(message);
  }

  function drop(screen: Screen, code: number, reason: string): void {
    screens.delete(screen);
    screen.socket.close(code, reason);
  }

  async function pushState(departmentKey: string): Promise<void> {
    const audience = [...screens].filter((s) => s.departmentKey === departmentKey);
    if (audience.length === 0) return;
    const message = messageOf(await displayState(db, departmentKey));
    for (const screen of audience) send(screen, message);
  }

  function refresh(departmentKey: string): void {
    if (refreshing.has(departmentKey)) {
      dirty.add(departmentKey);
      return;
    }
    const run = (async () => {
      do {
        dirty.delete(departmentKey);
        try {
          await pushState(departmentKey);
        } catch (err) {
          log.warn({ err, departmentKey }, 'could not refresh the display state');
        }
      } while (dirty.has(departmentKey) && !closed);
    })().finally(() => refreshing.delete(departmentKey));
    refreshing.set(departmentKey, run);
  }

  function closeDisplay(displayId: string): void {
    for (const screen of [...screens])
      if (screen.displayId === displayId) drop(screen, CLOSE_CODES.unauthorized, 'display token revoked');
  }

  function onPayload(payload: string): void {
    const event = parseEventPayload(payload);
    if (!event) return;
    if (event.type === EVENT_TYPES.queueChanged && event.department) refresh(event.department);
    else if (event.type === EVENT_TYPES.displayRevoked && event.resourceId) closeDisplay(event.resourceId);
    // The clinic's default language (what screens speak) may have changed.
    else if (event.type === EVENT_TYPES.settingsChanged)
      for (const key of new Set([...screens].map((s) => s.departmentKey))) refresh(key);
  }

  async function recheck(): Promise<void> {
    const ids = [...new Set([...screens].map((s) => s.displayId))];
    try {
      for (const id of await revokedAmong(db, ids)) closeDisplay(id);
    } catch (err) {
      log.warn({ err }, 'could not re-check display tokens');
    }
  }

  function ping(): void {
    for (const screen of [...screens]) {
      if (!screen.alive) {
        screens.delete(screen);
        screen.socket.terminate();
        continue;
      }
      screen.alive = false;
      screen.socket.ping();
    }
  }

  return {
    async start() {
      if (unlisten || closed) return;
      unlisten = await ctx.database.listen(EVENTS_CHANNEL, onPayload);
      timers = [setInterval(ping, pingMs), setInterval(() => void recheck(), recheckMs)];
      for (const timer of timers) timer.unref();
    },

    attach(socket, display) {
      if (closed) {
        socket.close(CLOSE_CODES.goingAway, 'server shutting down');
        return;
      }
      const screen: Screen = {
        socket,
        displayId: display.id,
        departmentKey: display.departmentKey,
        alive: true,
      };
      screens.add(screen);
      socket.on('pong', () => {
        screen.alive = true;
      });
      socket.on('close', () => {
        screens.delete(screen);
      });
      // Screens only listen.
      socket.on('message', () => {});
      // Through the department's refresh, so a state computed earlier can never arrive after a newer one.
      refresh(display.departmentKey);
    },

    clientCount: () => screens.size,

    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      for (const screen of [...screens]) drop(screen, CLOSE_CODES.goingAway, 'server shutting down');
      await Promise.allSettled([...refreshing.values()]);
      const stop = unlisten;
      unlisten = undefined;
      await stop?.();
    },
  };
}
