import { CERTIFICATE_STATUSES, CERTIFICATE_TYPES } from '@carebase/contracts';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    type: text('type', { enum: CERTIFICATE_TYPES }).notNull(),
    title: text('title'),
    findings: text('findings').notNull(),
    recommendation: text('recommendation'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    status: text('status', { enum: CERTIFICATE_STATUSES }).notNull().default('draft'),
    /** CERT-<year>-<6 digits>, given on approval from certificate_counters. */
    number: text('number'),
    /** Crockford base32, 10 characters, stored without dashes. */
    verificationCode: text('verification_code'),
    rejectionReason: text('rejection_reason'),
    revocationReason: text('revocation_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    /** The approving doctor's name and licence as they were when signing: the PDF must not change later. */
    approverName: text('approver_name'),
    approverLicence: text('approver_licence'),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: uuid('issued_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('certificates_number_idx').on(t.number),
    uniqueIndex('certificates_verification_code_idx').on(t.verificationCode),
    index('certificates_patient_idx').on(t.patientId, t.createdAt),
    index('certificates_status_idx').on(t.status, t.submittedAt),
  ],
);

/** The last certificate number given in each year; incremented under its row lock, so numbers never repeat. */
export const certificateCounters = pgTable('certificate_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});
