import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { icd10Codes } from '../icd10/icd10.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';

/**
 * A visit. Once status is 'signed' a trigger (migration encounters_signed_lock) refuses any change to the
 * note, and to the diagnoses and procedures under it; corrections are addenda.
 */
export const encounters = pgTable(
  'encounters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    type: text('type', {
      enum: ['consultation', 'follow-up', 'dental', 'emergency', 'teleconsult'],
    }).notNull(),
    status: text('status', { enum: ['draft', 'signed'] })
      .notNull()
      .default('draft'),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    chiefComplaint: text('chief_complaint'),
    subjective: text('subjective'),
    objective: text('objective'),
    assessment: text('assessment'),
    plan: text('plan'),
    signedBy: uuid('signed_by').references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('encounters_patient_started_idx').on(t.patientId, t.startedAt.desc()),
    // A clinician's notes still to sign (their home page); drafts are few, so the index stays small.
    index('encounters_drafts_by_provider_idx')
      .on(t.providerId, t.startedAt)
      .where(sql`${t.status} = 'draft'`),
    // A clinician's patients (new files for them on their home page).
    index('encounters_provider_started_idx').on(t.providerId, t.startedAt),
  ],
);

/** Append-only (trigger): corrections to a signed note, with author, time and reason. */
export const encounterAddenda = pgTable(
  'encounter_addenda',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    encounterId: uuid('encounter_id')
      .notNull()
      .references(() => encounters.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('encounter_addenda_encounter_idx').on(t.encounterId)],
);

export const encounterDiagnoses = pgTable(
  'encounter_diagnoses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    encounterId: uuid('encounter_id')
      .notNull()
      .references(() => encounters.id),
    code: text('code')
      .notNull()
      .references(() => icd10Codes.code),
    kind: text('kind', { enum: ['primary', 'secondary'] }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('encounter_diagnoses_code_idx').on(t.encounterId, t.code),
    uniqueIndex('encounter_diagnoses_one_primary_idx').on(t.encounterId).where(sql`${t.kind} = 'primary'`),
  ],
);

export const encounterProcedures = pgTable(
  'encounter_procedures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    encounterId: uuid('encounter_id')
      .notNull()
      .references(() => encounters.id),
    description: text('description').notNull(),
    code: text('code'),
    performedAt: timestamp('performed_at', { withTimezone: true }).notNull(),
    performedBy: uuid('performed_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('encounter_procedures_encounter_idx').on(t.encounterId)],
);
