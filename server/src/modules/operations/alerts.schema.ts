import { ALERT_RULES, ALERT_STATUSES } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A clinic's changes to the shipped rules; a rule without a row runs with its defaults. */
export const alertRules = pgTable('alert_rules', {
  key: text('key', { enum: ALERT_RULES }).primaryKey(),
  enabled: boolean('enabled').notNull(),
  threshold: real('threshold').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each firing of a rule for a subject; at most one firing at a time per rule and subject (the index). */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule: text('rule', { enum: ALERT_RULES }).notNull(),
    subject: text('subject').notNull().default(''),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('firing'),
    value: real('value'),
    threshold: real('threshold').notNull(),
    /** Evaluations in a row that found the condition clear: the alert resolves after enough of them. */
    clearStreak: integer('clear_streak').notNull().default(0),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alerts_one_firing').on(t.rule, t.subject).where(sql`${t.status} = 'firing'`),
    index('alerts_fired_at_idx').on(t.firedAt),
  ],
);
