import { z } from 'zod';

export const INSTANCE_STATUSES = ['up', 'gone', 'stopped'] as const;

/** A server process and its figures as of its last heartbeat (requests: the minute before it). */
export const InstanceSchema = z.object({
  id: z.uuid(),
  host: z.string(),
  pid: z.number().int(),
  version: z.string(),
  startedAt: z.string(),
  lastSeenAt: z.string(),
  /** up: reporting; stopped: shut down cleanly; gone: stopped reporting without saying so. */
  status: z.enum(INSTANCE_STATUSES),
  cpuPercent: z.number(),
  rssBytes: z.number(),
  heapBytes: z.number(),
  eventLoopP99Ms: z.number(),
  websockets: z.number().int(),
  requestsPerMinute: z.number().int(),
  errorRate: z.number(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
});
export type Instance = z.infer<typeof InstanceSchema>;
export const InstanceListSchema = z.object({ items: z.array(InstanceSchema) });
