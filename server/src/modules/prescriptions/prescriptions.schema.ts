import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { encounters } from '../encounters/encounters.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';

/** One drug per row; the drugs of one request share batch_id and print together. */
export const prescriptions = pgTable(
  'prescriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    encounterId: uuid('encounter_id')
      .notNull()
      .references(() => encounters.id),
    prescriberId: uuid('prescriber_id')
      .notNull()
      .references(() => users.id),
    drug: text('drug').notNull(),
    strength: text('strength'),
    form: text('form'),
    dose: text('dose').notNull(),
    route: text('route').notNull(),
    frequency: text('frequency').notNull(),
    durationDays: integer('duration_days'),
    quantity: integer('quantity'),
    instructions: text('instructions'),
    status: text('status', { enum: ['active', 'stopped'] })
      .notNull()
      .default('active'),
    allergyWarnings: jsonb('allergy_warnings').$type<string[]>().notNull().default([]),
    allergyOverrideReason: text('allergy_override_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    stoppedBy: uuid('stopped_by').references(() => users.id),
    stopReason: text('stop_reason'),
  },
  (t) => [
    index('prescriptions_patient_idx').on(t.patientId, t.createdAt),
    index('prescriptions_encounter_idx').on(t.encounterId),
    index('prescriptions_batch_idx').on(t.batchId),
  ],
);
