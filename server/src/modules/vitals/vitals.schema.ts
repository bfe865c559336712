import { doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { encounters } from '../encounters/encounters.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';

/** One reading; every measure is optional (at least one is present). Units are in the column names. */
export const vitals = pgTable(
  'vitals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    encounterId: uuid('encounter_id').references(() => encounters.id),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    systolic: integer('systolic_mmhg'),
    diastolic: integer('diastolic_mmhg'),
    heartRate: integer('heart_rate_bpm'),
    respiratoryRate: integer('respiratory_rate_pm'),
    temperatureC: doublePrecision('temperature_c'),
    spo2: integer('spo2_pct'),
    heightCm: doublePrecision('height_cm'),
    weightKg: doublePrecision('weight_kg'),
    bmi: doublePrecision('bmi'),
    painScore: integer('pain_score'),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('vitals_patient_taken_idx').on(t.patientId, t.takenAt),
    index('vitals_encounter_idx').on(t.encounterId),
  ],
);
