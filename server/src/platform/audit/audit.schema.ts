import { bigserial, index, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: the application never updates or deletes rows. Events form several independent chains (one
 * per row of audit_chain_head), so writers do not queue behind each other; each row's hash covers the
 * previous row's of its chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    patientId: text('patient_id'),
    outcome: text('outcome', { enum: ['success', 'denied', 'failed'] }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** The chain this event extends: the id of its audit_chain_head row. */
    chain: smallint('chain').notNull().default(1),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId),
    index('audit_patient_idx').on(t.patientId),
    index('audit_resource_idx').on(t.resourceType, t.resourceId),
  ],
);

/**
 * Each chain's newest hash, one row per chain. A writer claims a head no other transaction holds (SKIP
 * LOCKED), updates it and inserts its event in one statement: the row lock orders the writers of one chain
 * (across instances too) and the update sees the hash committed just before.
 */
export const auditChainHead = pgTable('audit_chain_head', {
  id: smallint('id').primaryKey(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
