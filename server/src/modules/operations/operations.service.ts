import {
  EVENT_TYPES,
  type Job,
  type JobQuerySchema,
  type JobSchedule,
  type OutboxMessage,
  type OutboxQuerySchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { listSchedules, type ScheduleRow } from '../../platform/jobs/job-schedules.repository.ts';
import * as jobsRepo from '../../platform/jobs/jobs.repository.ts';
import { redactSecrets } from '../../platform/outbox/message-secrets.ts';
import * as outboxRepo from '../../platform/outbox/outbox.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A message as staff see it: the links that would let the reader act as the recipient are redacted. */
function toMessage(r: outboxRepo.OutboxRow): OutboxMessage {
  return {
    id: r.id,
    channel: r.channel,
    to: r.to,
    subject: r.subject,
    body: redactSecrets(r.body),
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError === null ? null : redactSecrets(r.lastError),
    createdAt: r.createdAt.toISOString(),
    sentAt: iso(r.sentAt),
  };
}

function toJob(r: jobsRepo.JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    runAt: r.runAt.toISOString(),
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  };
}

function toSchedule(r: ScheduleRow): JobSchedule {
  return {
    name: r.name,
    intervalMs: r.intervalMs,
    nextRunAt: r.nextRunAt.toISOString(),
    lastRunAt: iso(r.lastRunAt),
    lastFinishedAt: iso(r.lastFinishedAt),
    lastOutcome: r.lastOutcome,
    lastError: r.lastError,
    running: r.lockedAt !== null,
  };
}

export async function listOutbox(ctx: AppContext, q: z.infer<typeof OutboxQuerySchema>) {
  const { rows, total } = await outboxRepo.listMessages(ctx.db, q);
  return { items: rows.map(toMessage), total, page: q.page, pageSize: q.pageSize };
}

export async function retryMessage(ctx: AppContext, actor: ActorContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const msg = await outboxRepo.findMessage(tx, id);
    if (!msg) throw new AppError('not_found', `message ${id} not found`);
    if (msg.status !== 'failed' && msg.status !== 'held')
      throw new AppError('conflict', `the message is ${msg.status}`);
    await ctx.outbox.release(tx, [id]);
    await writeAudit(tx, actor, { action: 'outbox.retry', resourceType: 'outbox_message', resourceId: id });
  });
}

export async function listJobs(ctx: AppContext, q: z.infer<typeof JobQuerySchema>) {
  const { rows, total } = await jobsRepo.listJobs(ctx.db, q);
  return { items: rows.map(toJob), total, page: q.page, pageSize: q.pageSize };
}

export async function listJobSchedules(ctx: AppContext): Promise<{ items: JobSchedule[] }> {
  return { items: (await listSchedules(ctx.db)).map(toSchedule) };
}

export async function retryJob(ctx: AppContext, actor: ActorContext, id: string): Promise<Job> {
  return ctx.db.transaction(async (tx) => {
    const row = await jobsRepo.retryJob(tx, id);
    if (!row) {
      const exists = await jobsRepo.findJob(tx, id);
      throw exists
        ? new AppError('conflict', `the job is ${exists.status}`)
        : new AppError('not_found', `job ${id} not found`);
    }
    await writeAudit(tx, actor, { action: 'job.retry', resourceType: 'job', resourceId: id });
    await publishEvent(tx, { type: EVENT_TYPES.jobChanged, permission: 'jobs:read', resourceId: id });
    return toJob(row);
  });
}
