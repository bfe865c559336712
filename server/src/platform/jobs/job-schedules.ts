import { EVENT_TYPES } from '@carebase/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { publishEvent } from '../events/events.publisher.ts';
import { claimDueSchedules, finishTick, upsertSchedule } from './job-schedules.repository.ts';

export type ScheduleTick = () => Promise<void>;

/** A tick that has not finished after this long is taken to have died with its instance. */
const STALE_MS = 10 * 60_000;

export type ScheduleRunner = {
  every(name: string, intervalMs: number, tick: ScheduleTick): void;
  runDue(): Promise<number>;
};

export function createScheduleRunner(deps: {
  db: Db;
  log: FastifyBaseLogger;
  workerId: string;
  onFailure: (name: string, error: string) => void;
}): ScheduleRunner {
  const ticks = new Map<string, { intervalMs: number; tick: ScheduleTick }>();
  const stored = new Set<string>();

  async function runTick(name: string, tick: ScheduleTick): Promise<void> {
    let error: string | null = null;
    try {
      await tick();
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      deps.log.warn({ schedule: name, err: error }, 'scheduled job failed');
      deps.onFailure(name, error);
    }
    await finishTick(deps.db, name, deps.workerId, error);
    await publishEvent(deps.db, { type: EVENT_TYPES.jobChanged, permission: 'jobs:read', resourceId: name });
  }

  return {
    every(name, intervalMs, tick) {
      if (!Number.isInteger(intervalMs) || intervalMs < 1000)
        throw new Error(
          `schedule ${name}: the interval must be a whole number of milliseconds, at least 1000`,
        );
      ticks.set(name, { intervalMs, tick });
      stored.delete(name);
    },
    async runDue() {
      for (const [name, { intervalMs }] of ticks) {
        if (stored.has(name)) continue;
        await upsertSchedule(deps.db, name, intervalMs);
        stored.add(name);
      }
      const claimed = await claimDueSchedules(deps.db, deps.workerId, [...ticks.keys()], STALE_MS);
      for (const name of claimed) {
        const entry = ticks.get(name);
        if (entry) await runTick(name, entry.tick);
      }
      return claimed.length;
    },
  };
}
