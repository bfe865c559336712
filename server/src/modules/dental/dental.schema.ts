import {
  DENTAL_CONDITIONS,
  DENTAL_PROCEDURE_KINDS,
  DENTAL_PROCEDURE_STATUSES,
  type Surface,
} from '@carebase/contracts';
import { bigserial, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { priceItems } from '../billing/billing.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';

/**
 * Append-only history of the odontogram: one row per recording on a tooth (surfaces empty = the whole tooth).
 * The current chart is derived from it (latest wins); rows are never updated or deleted.
 */
export const dentalChartEntries = pgTable(
  'dental_chart_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Total order of recordings, also within one transaction. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** FDI number. */
    tooth: smallint('tooth').notNull(),
    surfaces: text('surfaces').array().$type<Surface[]>().notNull().default([]),
    condition: text('condition', { enum: DENTAL_CONDITIONS }).notNull(),
    note: text('note'),
    encounterId: uuid('encounter_id'),
    procedureId: uuid('procedure_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [index('dental_chart_entries_patient_tooth_idx').on(t.patientId, t.tooth, t.seq)],
);

export const dentalTreatmentPlans = pgTable(
  'dental_treatment_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    title: text('title').notNull(),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [index('dental_treatment_plans_patient_idx').on(t.patientId, t.createdAt)],
);

export const dentalProcedures = pgTable(
  'dental_procedures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => dentalTreatmentPlans.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** Order within the plan. */
    position: integer('position').notNull(),
    kind: text('kind', { enum: DENTAL_PROCEDURE_KINDS }).notNull(),
    description: text('description'),
    tooth: smallint('tooth'),
    surfaces: text('surfaces').array().$type<Surface[]>().notNull().default([]),
    status: text('status', { enum: DENTAL_PROCEDURE_STATUSES }).notNull().default('planned'),
    /** Minor units; null until priced. */
    cost: integer('cost'),
    /** The price list item it was priced from; its cost is that item's price when planned. */
    priceItemId: uuid('price_item_id').references(() => priceItems.id),
    notes: text('notes'),
    encounterId: uuid('encounter_id'),
    chartEntryId: uuid('chart_entry_id').references(() => dentalChartEntries.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by').references(() => users.id),
  },
  (t) => [
    index('dental_procedures_plan_idx').on(t.planId, t.position),
    index('dental_procedures_patient_idx').on(t.patientId),
  ],
);
