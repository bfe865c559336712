import type { SystemSecretName, SystemSettings } from '@carebase/contracts';
import { integer, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';

/** One row (id = 1): the clinic-wide settings and the write-only secrets beside them. */
export const systemSettings = pgTable('system_settings', {
  id: integer('id').primaryKey(),
  value: jsonb('value').$type<Partial<SystemSettings>>().notNull(),
  secrets: jsonb('secrets').$type<Partial<Record<SystemSecretName, string>>>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
