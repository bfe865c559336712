import { bigint, integer, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
});
