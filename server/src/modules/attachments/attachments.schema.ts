import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { blobs } from '../../platform/files/files.schema.ts';
import { encounters } from '../encounters/encounters.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    encounterId: uuid('encounter_id').references(() => encounters.id),
    kind: text('kind', {
      enum: ['photo', 'lab-result', 'imaging', 'referral', 'document', 'other'],
    }).notNull(),
    filename: text('filename').notNull(),
    /** Detected from the bytes, not taken from the request. */
    contentType: text('content_type', { enum: ['image/jpeg', 'image/png', 'application/pdf'] }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_patient_idx').on(t.patientId, t.createdAt),
    index('attachments_encounter_idx').on(t.encounterId),
  ],
);
