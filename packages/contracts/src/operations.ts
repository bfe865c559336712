import { z } from 'zod';
import { PageQuerySchema, pageOf } from './common.ts';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'held'] as const;
export const OutboxMessageSchema = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;
export const OutboxQuerySchema = PageQuerySchema.extend({
  status: z.enum(OUTBOX_STATUSES).optional(),
  channel: z.enum(['email', 'sms']).optional(),
});
export const OutboxPageSchema = pageOf(OutboxMessageSchema);

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'dead'] as const;
export const JobSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;
export const JobQuerySchema = PageQuerySchema.extend({
  status: z.enum(JOB_STATUSES).optional(),
  kind: z.string().max(100).optional(),
});
export const JobPageSchema = pageOf(JobSchema);

/** A recurring job: one row per schedule, updated by each run. */
export const JobScheduleSchema = z.object({
  name: z.string(),
  intervalMs: z.number().int(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastOutcome: z.enum(['ok', 'failed']).nullable(),
  lastError: z.string().nullable(),
  /** A run is under way on some instance. */
  running: z.boolean(),
});
export type JobSchedule = z.infer<typeof JobScheduleSchema>;
export const JobScheduleListSchema = z.object({ items: z.array(JobScheduleSchema) });
