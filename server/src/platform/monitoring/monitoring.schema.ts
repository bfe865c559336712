import type { RouteFigures } from '@carebase/contracts';
import {
  bigint,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** One row per server process: who it is, and its figures as of its last heartbeat. */
export const instances = pgTable('instances', {
  id: uuid('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  version: text('version').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  /** Set when the process shut down cleanly; an instance not seen for a while without it is gone. */
  stoppedAt: timestamp('stopped_at', { withTimezone: true }),
  cpuPercent: real('cpu_percent').notNull(),
  rssBytes: bigint('rss_bytes', { mode: 'number' }).notNull(),
  heapBytes: bigint('heap_bytes', { mode: 'number' }).notNull(),
  eventLoopP99Ms: real('event_loop_p99_ms').notNull(),
  websockets: integer('websockets').notNull(),
  requestsPerMinute: integer('requests_per_minute').notNull(),
  errorRate: real('error_rate').notNull(),
  p50Ms: real('p50_ms'),
  p95Ms: real('p95_ms'),
  p99Ms: real('p99_ms'),
  /** Requests per route over the last few minutes, as this instance saw them. */
  routes: jsonb('routes').$type<RouteFigures[]>().notNull().default([]),
});

/**
 * The whole system once a minute (resolution 'minute', kept two days) and once an hour (resolution 'hour', the
 * hour's minutes rolled up, kept 90 days). Written by one instance at a time (a recurring job).
 */
export const monitoringSamples = pgTable(
  'monitoring_samples',
  {
    resolution: text('resolution', { enum: ['minute', 'hour'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    instancesUp: integer('instances_up').notNull(),
    requestsPerMinute: real('requests_per_minute').notNull(),
    errorRate: real('error_rate').notNull(),
    p95Ms: real('p95_ms'),
    p99Ms: real('p99_ms'),
    cpuPercent: real('cpu_percent').notNull(),
    rssBytes: bigint('rss_bytes', { mode: 'number' }).notNull(),
    eventLoopP99Ms: real('event_loop_p99_ms').notNull(),
    websockets: real('websockets').notNull(),
    jobsQueued: real('jobs_queued').notNull(),
    jobsFailed: real('jobs_failed').notNull(),
    outboxPending: real('outbox_pending').notNull(),
    outboxFailed: real('outbox_failed').notNull(),
    dbSizeBytes: bigint('db_size_bytes', { mode: 'number' }),
    diskFreeBytes: bigint('disk_free_bytes', { mode: 'number' }),
    diskTotalBytes: bigint('disk_total_bytes', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.resolution, t.at] })],
);
