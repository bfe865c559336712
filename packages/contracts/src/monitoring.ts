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

/** Requests to one route (method + route pattern) over the last few minutes, summed over the instances up. */
export const RouteFiguresSchema = z.object({
  method: z.string(),
  route: z.string(),
  count: z.number().int(),
  /** Answers that were 5xx. */
  errors: z.number().int(),
  /** Answers that were 4xx (bad input, denied, not found). */
  refusals: z.number().int(),
  p95Ms: z.number().nullable(),
  maxMs: z.number(),
});
export type RouteFigures = z.infer<typeof RouteFiguresSchema>;

export const SAMPLE_RANGES = ['hour', 'day', 'week'] as const;
export type SampleRange = (typeof SAMPLE_RANGES)[number];
export const SampleQuerySchema = z.object({ range: z.enum(SAMPLE_RANGES).default('hour') });

/**
 * The whole system at one moment, taken every minute from the instances' heartbeats and the database; kept per
 * minute for two days and per hour (averages; maxima for latency and event-loop delay) for 90 days.
 */
export const SampleSchema = z.object({
  at: z.string(),
  instancesUp: z.number().int(),
  requestsPerMinute: z.number(),
  /** Share of answers that were 5xx, 0..1. */
  errorRate: z.number(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  cpuPercent: z.number(),
  rssBytes: z.number(),
  eventLoopP99Ms: z.number(),
  websockets: z.number(),
  jobsQueued: z.number(),
  /** Jobs waiting for a retry after failing, plus jobs that died in the last 24 hours. */
  jobsFailed: z.number(),
  outboxPending: z.number(),
  /** Messages whose last attempt failed (they are retried, then stay failed). */
  outboxFailed: z.number(),
  dbSizeBytes: z.number().nullable(),
  diskFreeBytes: z.number().nullable(),
  diskTotalBytes: z.number().nullable(),
});
export type Sample = z.infer<typeof SampleSchema>;
export const SampleListSchema = z.object({
  range: z.enum(SAMPLE_RANGES),
  /** Seconds between points: 60 for the hour, 300 for the day (minutes averaged), 3600 for the week. */
  stepSeconds: z.number().int(),
  points: z.array(SampleSchema),
});
export type SampleList = z.infer<typeof SampleListSchema>;

export const TableSizeSchema = z.object({
  name: z.string(),
  /** Estimated live rows (PostgreSQL's statistics) or counted (PGlite). */
  rows: z.number(),
  totalBytes: z.number(),
});
export const RunningQuerySchema = z.object({
  pid: z.number().int(),
  state: z.string().nullable(),
  durationMs: z.number(),
  waitEvent: z.string().nullable(),
  /** Pids of the sessions holding the locks this one waits for. */
  blockedBy: z.array(z.number().int()),
  /** The statement, cut to 500 characters; parameters are never shown, only placeholders. */
  query: z.string(),
});
export const SlowStatementSchema = z.object({
  query: z.string(),
  calls: z.number(),
  meanMs: z.number(),
  totalMs: z.number(),
  rows: z.number(),
});

/** Database health. What the engine cannot tell is null, and `unavailable` says why in a sentence per item. */
export const DatabaseHealthSchema = z.object({
  engine: z.enum(['postgres', 'pglite']),
  version: z.string(),
  sizeBytes: z.number().nullable(),
  largestTables: z.array(TableSizeSchema),
  connections: z.array(z.object({ state: z.string(), count: z.number().int() })).nullable(),
  maxConnections: z.number().int().nullable(),
  /** Share of block reads served from shared buffers, 0..1. */
  cacheHitRatio: z.number().nullable(),
  /** Queries running longer than 5 s, and any session waiting on a lock. */
  longQueries: z.array(RunningQuerySchema).nullable(),
  slowStatements: z.array(SlowStatementSchema).nullable(),
  migrations: z.object({ applied: z.number().int(), known: z.number().int() }),
  unavailable: z.array(z.object({ item: z.string(), reason: z.string() })),
});
export type DatabaseHealth = z.infer<typeof DatabaseHealthSchema>;

/** How the application is doing now: requests by route, background work, live connections, backups, disk. */
export const ApplicationHealthSchema = z.object({
  routes: z.array(RouteFiguresSchema),
  /** Minutes the route figures cover. */
  routeWindowMinutes: z.number().int(),
  jobs: z.object({
    queued: z.number().int(),
    running: z.number().int(),
    /** Failed (to be retried) or dead (out of attempts) in the last 24 hours. */
    failedLastDay: z.number().int(),
    dead: z.number().int(),
    oldestQueuedAt: z.string().nullable(),
  }),
  schedules: z.object({ total: z.number().int(), failing: z.array(z.string()) }),
  outbox: z.object({
    pending: z.number().int(),
    failedLastDay: z.number().int(),
    held: z.number().int(),
    oldestPendingAt: z.string().nullable(),
  }),
  websockets: z.number().int(),
  backups: z.object({
    lastVerifiedAt: z.string().nullable(),
    lastFailedAt: z.string().nullable(),
  }),
  disk: z.object({ path: z.string(), freeBytes: z.number(), totalBytes: z.number() }).nullable(),
  /** Continuous WAL archiving for point-in-time recovery (PostgreSQL, BACKUP_WAL); null when it is off. */
  walArchive: z
    .object({
      slot: z.string(),
      /** pg_receivewal is reading the slot now. */
      receiving: z.boolean(),
      /** WAL the server holds for the slot beyond what the archive has confirmed, in bytes (null: no slot yet). */
      lagBytes: z.number().nullable(),
      /** When the newest file of the archive was last written. */
      lastWrittenAt: z.string().nullable(),
    })
    .nullable(),
});
export type ApplicationHealth = z.infer<typeof ApplicationHealthSchema>;

export const ACTIVITY_RANGES = ['day', 'week'] as const;
export const ActivityQuerySchema = z.object({ range: z.enum(ACTIVITY_RANGES).default('day') });
/** The audit trail counted per hour. */
export const ActivityHourSchema = z.object({
  at: z.string(),
  signIns: z.number().int(),
  /** Reads of patient data (a record, chart, list of a patient's things). */
  recordsOpened: z.number().int(),
  /** Successful changes of any kind. */
  changes: z.number().int(),
  /** Attempts refused for want of a permission or a failed sign-in. */
  denied: z.number().int(),
});
export const ActivitySchema = z.object({
  range: z.enum(ACTIVITY_RANGES),
  hours: z.array(ActivityHourSchema),
  totals: ActivityHourSchema.omit({ at: true }),
});
export type Activity = z.infer<typeof ActivitySchema>;
