import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every row the demo-clinic loader created (migration 0020). The database triggers that lock signed notes and
 * the odontogram let rows of a patient recorded here be deleted, so the demo can be removed in one action.
 */
export const sampleRecords = pgTable(
  'sample_records',
  {
    resourceType: text('resource_type').notNull(),
    /** Text: departments are keyed by text, everything else by a uuid. */
    resourceId: text('resource_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'sample_records_pkey', columns: [t.resourceType, t.resourceId] })],
);
