import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.schema.ts';

export type Address = {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
};
export type EmergencyContact = {
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
};
export type Payer = { name: string; memberId: string; groupNumber: string | null } | null;

export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mrn: text('mrn').notNull().unique(),
    givenName: text('given_name').notNull(),
    middleName: text('middle_name'),
    familyName: text('family_name').notNull(),
    suffix: text('suffix'),
    preferredName: text('preferred_name'),
    /** Lower-case, accent-free "given middle family preferred": what name search and trigram matching use. */
    searchName: text('search_name').notNull(),
    /** Lower-case, accent-free "family given middle": the name sort key, and the family-first prefix match. */
    sortName: text('sort_name').notNull().default(''),
    /** The words of search_name: fuzzy search finds patients by words matched in the name dictionary. */
    nameWords: text('name_words').array().generatedAlwaysAs(sql`string_to_array(search_name, ' ')`),
    sex: text('sex', { enum: ['female', 'male', 'intersex', 'unknown'] }).notNull(),
    gender: text('gender'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    civilStatus: text('civil_status', {
      enum: ['single', 'married', 'partner', 'separated', 'divorced', 'widowed', 'unknown'],
    }),
    photoSha256: text('photo_sha256'),
    /** E.164, e.g. +639171234567. */
    phone: text('phone'),
    altPhone: text('alt_phone'),
    email: text('email'),
    address: jsonb('address').$type<Address>().notNull().default({}),
    emergencyContacts: jsonb('emergency_contacts').$type<EmergencyContact[]>().notNull().default([]),
    bloodType: text('blood_type', { enum: ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'unknown'] }),
    payer: jsonb('payer').$type<Payer>(),
    /** The portal account of this patient (a user holding the patient role). */
    userId: uuid('user_id').references(() => users.id),
    /** Set when an admin merged this record into another: everything moved there, this one stays as a pointer. */
    mergedIntoId: uuid('merged_into_id'),
    mergedAt: timestamp('merged_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('patients_name_words_idx').using('gin', t.nameWords),
    // Byte order ("C") supports both LIKE 'prefix%' and ordered keyset scans, which text_pattern_ops cannot order.
    index('patients_search_prefix_idx').on(sql`${t.searchName} collate "C"`, t.id),
    // Ordered scans by name (keyset pages) and family-first prefix matches, in byte order.
    index('patients_sort_name_idx').on(sql`${t.sortName} collate "C"`, t.id),
    index('patients_created_idx').on(t.createdAt, t.id),
    index('patients_birth_date_idx').on(t.birthDate),
    index('patients_phone_idx').on(t.phone),
    index('patients_alt_phone_idx').on(t.altPhone),
    uniqueIndex('patients_user_idx').on(t.userId),
  ],
);

/**
 * Every word that occurs in a patient's search name (kept by a trigger on patients, never pruned). Misspelt
 * words are matched here by trigram similarity, a table far smaller than the patients, and the patients
 * holding the matched words are then found through patients_name_words_idx.
 */
export const patientNameWords = pgTable('patient_name_words', { word: text('word').primaryKey() }, (t) => [
  index('patient_name_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);

export const patientIdentifiers = pgTable(
  'patient_identifiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    type: text('type', {
      enum: ['student', 'employee', 'national', 'passport', 'insurance', 'other'],
    }).notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    uniqueIndex('patient_identifiers_type_value_idx').on(t.type, t.value),
    index('patient_identifiers_patient_idx').on(t.patientId),
    index('patient_identifiers_value_idx').on(t.value),
  ],
);

export const patientAllergies = pgTable(
  'patient_allergies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    substance: text('substance').notNull(),
    reaction: text('reaction'),
    severity: text('severity', { enum: ['mild', 'moderate', 'severe', 'unknown'] }).notNull(),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [index('patient_allergies_patient_idx').on(t.patientId)],
);

export const patientConditions = pgTable(
  'patient_conditions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    name: text('name').notNull(),
    icd10Code: text('icd10_code'),
    since: date('since', { mode: 'string' }),
    status: text('status', { enum: ['active', 'resolved'] })
      .notNull()
      .default('active'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [index('patient_conditions_patient_idx').on(t.patientId)],
);
