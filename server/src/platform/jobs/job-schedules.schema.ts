import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Recurring jobs: one row per schedule, updated by each tick, instead of one job row per run. An instance
 * runs a tick only after claiming the row (`locked_at`), so several instances on one database tick once.
 */
export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  intervalMs: integer('interval_ms').notNull(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull().defaultNow(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastOutcome: text('last_outcome', { enum: ['ok', 'failed'] }),
  lastError: text('last_error'),
  /** Set while an instance runs a tick; a tick whose instance died is taken again once this is stale. */
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  lockedBy: text('locked_by'),
});
