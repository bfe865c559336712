import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { CAREBASE_VERSION } from '../version.ts';
import { instances } from './monitoring.schema.ts';
import type { RequestWindow } from './request-window.ts';

export const HEARTBEAT_MS = 5000;
/** Three missed heartbeats and an instance that did not say it stopped is gone. */
export const GONE_AFTER_MS = 3 * HEARTBEAT_MS;

export type Heartbeat = { id: string; beat(): Promise<void>; stop(): Promise<void> };

/**
 * Reports this process to the database every few seconds: host, pid, version, CPU, memory, event-loop delay,
 * WebSocket clients, the last minute of requests and the last few minutes per route. A clean shutdown says so; a process that stops
 * reporting without it is shown as gone.
 */
export function startHeartbeat(deps: {
  db: Db;
  log: FastifyBaseLogger;
  requests: RequestWindow;
  websockets: () => number;
  intervalMs?: number;
}): Heartbeat {
  const id = randomUUID();
  const startedAt = new Date();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let cpu = process.cpuUsage();
  let cpuAt = performance.now();

  async function beat(): Promise<void> {
    const used = process.cpuUsage(cpu);
    const elapsedMs = performance.now() - cpuAt;
    cpu = process.cpuUsage();
    cpuAt = performance.now();
    const memory = process.memoryUsage();
    const figures = deps.requests.figures();
    const row = {
      id,
      host: os.hostname(),
      pid: process.pid,
      version: CAREBASE_VERSION,
      startedAt,
      lastSeenAt: new Date(),
      cpuPercent: elapsedMs > 0 ? ((used.user + used.system) / 1000 / elapsedMs) * 100 : 0,
      rssBytes: memory.rss,
      heapBytes: memory.heapUsed,
      eventLoopP99Ms: loop.percentile(99) / 1e6,
      websockets: deps.websockets(),
      ...figures,
      routes: deps.requests.routeFigures(),
    };
    loop.reset();
    await deps.db.insert(instances).values(row).onConflictDoUpdate({ target: instances.id, set: row });
  }

  const timer = setInterval(() => {
    beat().catch((err: unknown) => deps.log.warn({ err }, 'heartbeat not recorded'));
  }, deps.intervalMs ?? HEARTBEAT_MS);
  timer.unref();
  void beat().catch((err: unknown) => deps.log.warn({ err }, 'heartbeat not recorded'));

  return {
    id,
    beat,
    async stop() {
      clearInterval(timer);
      loop.disable();
      await deps.db
        .update(instances)
        .set({ stoppedAt: sql`now()` })
        .where(eq(instances.id, id))
        .catch(() => {});
    },
  };
}
