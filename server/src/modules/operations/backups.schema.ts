import type { BackupProgress } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** One row per backup taken: its progress while it runs, then its outcome and its verification. */
export const backups = pgTable(
  'backups',
  {
    id: uuid('id').primaryKey(),
    status: text('status', { enum: ['running', 'verified', 'failed'] }).notNull(),
    trigger: text('trigger', { enum: ['manual', 'scheduled', 'cli', 'pre-migration'] }).notNull(),
    destination: text('destination').notNull(),
    key: text('key').notNull(),
    encrypted: boolean('encrypted').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** Moved on by the running instance; a running backup whose heartbeat stops was cut off (its server died). */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    databaseBytes: bigint('database_bytes', { mode: 'number' }),
    fileCount: integer('file_count'),
    filesCopied: integer('files_copied'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifyMs: integer('verify_ms'),
    error: text('error'),
    progress: jsonb('progress').$type<BackupProgress>(),
    rowCounts: jsonb('row_counts').$type<Record<string, number>>(),
    startedBy: uuid('started_by'),
    /** Set when retention removed it from the destination. */
    prunedAt: timestamp('pruned_at', { withTimezone: true }),
  },
  (t) => [
    // One backup at a time, across every instance.
    uniqueIndex('backups_one_running').on(t.status).where(sql`${t.status} = 'running'`),
    index('backups_started_idx').on(t.startedAt),
  ],
);
