import { randomUUID } from 'node:crypto';
import { EVENT_TYPES } from '@carebase/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../db/database.ts';
import { publishEvent } from '../events/events.publisher.ts';
import { createScheduleRunner, type ScheduleTick } from './job-schedules.ts';
import { claimDueJobs, failJob, finishJob, insertJob, type JobRow } from './jobs.repository.ts';

export type JobHandler = (payload: Record<string, unknown>, job: JobRow) => Promise<void>;

/** `kind` is the job's kind, or the schedule's name for a failed tick. */
export type FailureListener = (failed: { kind: string }, error: string) => void;

export type EnqueueOptions = { runAt?: Date; maxAttempts?: number; uniqueKey?: string };

export type Jobs = {
  /** Enqueue inside the caller's transaction: the job exists only if the change that asked for it commits. */
  enqueue(
    executor: Executor,
    kind: string,
    payload?: Record<string, unknown>,
    opts?: EnqueueOptions,
  ): Promise<void>;
  register(kind: string, handler: JobHandler): void;
  /**
   * A recurring job: one row of job_schedules (interval, last run and outcome, next run) rather than a job row
   * per run. Every instance may declare it; each tick runs on one instance only.
   */
  every(name: string, intervalMs: number, tick: ScheduleTick): void;
  /** Runs one polling round of one-off jobs now; returns how many it ran. Used by tests and by the poller. */
  runDue(): Promise<number>;
  /** Ticks the schedules that are due now, once each; returns how many ticked. Used by tests and by the poller. */
  runSchedules(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** Called after each failed attempt or tick (metrics); returns the function that removes the listener. */
  onFailure(listener: FailureListener): () => void;
};

/** Exponential backoff: 5 s, 10 s, 20 s … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 5000 * 2 ** Math.max(0, attempt - 1));
}

export function createJobs(deps: { db: Db; pollMs: number; log: FastifyBaseLogger }): Jobs {
  const handlers = new Map<string, JobHandler>();
  const failureListeners = new Set<FailureListener>();
  const workerId = `worker-${randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let ticking: Promise<number> | undefined;
  let stopped = false;

  function notifyFailure(kind: string, error: string): void {
    for (const listener of failureListeners) {
      try {
        listener({ kind }, error);
      } catch (listenerErr) {
        deps.log.error({ err: listenerErr }, 'job failure listener failed');
      }
    }
  }
  const schedules = createScheduleRunner({ db: deps.db, log: deps.log, workerId, onFailure: notifyFailure });

  async function runOne(job: JobRow): Promise<void> {
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, job);
      await finishJob(deps.db, job.id);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const retryAt = job.attempts < job.maxAttempts ? new Date(Date.now() + backoffMs(job.attempts)) : null;
      deps.log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: message }, 'job failed');
      notifyFailure(job.kind, message);
      await failJob(deps.db, job.id, message.slice(0, 2000), retryAt);
    }
    await publishEvent(deps.db, {
      type: EVENT_TYPES.jobChanged,
      permission: 'jobs:read',
      resourceId: job.id,
    });
  }

  async function round(): Promise<number> {
    const claimed = await claimDueJobs(deps.db, workerId, [...handlers.keys()], 10, 10 * 60_000);
    for (const job of claimed) await runOne(job);
    return claimed.length;
  }

  function runDue(): Promise<number> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  function runSchedules(): Promise<number> {
    ticking ??= schedules.runDue().finally(() => {
      ticking = undefined;
    });
    return ticking;
  }

  function pollLater(): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        if (!stopped) await runSchedules();
      } catch (err) {
        deps.log.error({ err }, 'schedule polling failed');
      }
      try {
        // Keep going while there is work, then wait for the next poll.
        while (!stopped && (await runDue()) > 0);
      } catch (err) {
        deps.log.error({ err }, 'job polling failed');
      }
      pollLater();
    }, deps.pollMs);
    timer.unref();
  }

  return {
    async enqueue(executor, kind, payload = {}, opts = {}) {
      await insertJob(executor, {
        kind,
        payload,
        runAt: opts.runAt ?? new Date(),
        maxAttempts: opts.maxAttempts ?? 5,
        uniqueKey: opts.uniqueKey ?? null,
      });
    },
    register(kind, handler) {
      handlers.set(kind, handler);
    },
    every: schedules.every,
    runDue,
    runSchedules,
    start() {
      stopped = false;
      pollLater();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([running?.catch(() => {}), ticking?.catch(() => {})]);
    },
    onFailure(listener) {
      failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
  };
}
