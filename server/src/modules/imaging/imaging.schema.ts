import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { blobs } from '../../platform/files/files.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';

/**
 * One row per DICOM study, holding the study's and its patient's attributes as the files carry them (dates
 * and times as DICOM text, YYYYMMDD and HHMMSS, which sort and range-compare as text). Counts are not kept
 * here: they are summed from the instances when asked, so concurrent stores never queue on a study row.
 */
export const imagingStudies = pgTable(
  'imaging_studies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyUid: text('study_uid').notNull(),
    /** The Carebase patient the study belongs to; null while unmatched. */
    patientId: uuid('patient_id').references(() => patients.id),
    /** How the patient was found: by identifier on arrival, by a person, or not yet. */
    link: text('link', { enum: ['matched', 'linked', 'unmatched'] }).notNull(),
    dicomPatientId: text('dicom_patient_id').notNull().default(''),
    patientName: text('patient_name').notNull().default(''),
    /** Lower case, accents removed, components separated by spaces: what name matching compares. */
    patientNameSearch: text('patient_name_search').notNull().default(''),
    patientBirthDate: text('patient_birth_date').notNull().default(''),
    patientSex: text('patient_sex').notNull().default(''),
    otherPatientIds: text('other_patient_ids').notNull().default(''),
    studyDate: text('study_date').notNull().default(''),
    studyTime: text('study_time').notNull().default(''),
    studyId: text('study_id').notNull().default(''),
    accessionNumber: text('accession_number').notNull().default(''),
    studyDescription: text('study_description').notNull().default(''),
    referringPhysicianName: text('referring_physician_name').notNull().default(''),
    referringPhysicianSearch: text('referring_physician_search').notNull().default(''),
    institutionName: text('institution_name').notNull().default(''),
    /** The study-level attributes in DICOM JSON, from the first instance stored. */
    attributes: text('attributes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the last instance arrived. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('imaging_studies_uid_idx').on(t.studyUid),
    index('imaging_studies_patient_idx').on(t.patientId),
    index('imaging_studies_date_idx').on(sql`${t.studyDate} collate "C"`, t.studyTime),
    index('imaging_studies_dicom_patient_idx').on(t.dicomPatientId),
    index('imaging_studies_accession_idx').on(t.accessionNumber),
    index('imaging_studies_name_idx').on(sql`${t.patientNameSearch} collate "C"`),
    index('imaging_studies_name_trgm_idx').using('gin', sql`${t.patientNameSearch} gin_trgm_ops`),
    index('imaging_studies_updated_idx').on(t.updatedAt),
    index('imaging_studies_unmatched_idx').on(t.createdAt).where(sql`${t.link} = 'unmatched'`),
  ],
);

export const imagingSeries = pgTable(
  'imaging_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyId: uuid('study_id')
      .notNull()
      .references(() => imagingStudies.id, { onDelete: 'cascade' }),
    seriesUid: text('series_uid').notNull(),
    modality: text('modality').notNull().default(''),
    seriesNumber: integer('series_number'),
    seriesDescription: text('series_description').notNull().default(''),
    seriesDate: text('series_date').notNull().default(''),
    bodyPartExamined: text('body_part_examined').notNull().default(''),
    /** The series-level attributes in DICOM JSON, from the first instance stored. */
    attributes: text('attributes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('imaging_series_uid_idx').on(t.seriesUid),
    index('imaging_series_study_idx').on(t.studyId, t.seriesNumber),
    index('imaging_series_modality_idx').on(t.modality, t.studyId),
  ],
);

/** Where each frame's bytes lie in the stored file: see frame-locator.ts. */
export type StoredFrames =
  | { kind: 'none' }
  | { kind: 'native'; offset: number; frameLength: number; count: number }
  /** Per frame, its fragments as [offset, length, offset, length, …]. */
  | { kind: 'encapsulated'; frames: number[][] };

export const imagingInstances = pgTable(
  'imaging_instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyId: uuid('study_id')
      .notNull()
      .references(() => imagingStudies.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => imagingSeries.id, { onDelete: 'cascade' }),
    sopInstanceUid: text('sop_instance_uid').notNull(),
    sopClassUid: text('sop_class_uid').notNull(),
    instanceNumber: integer('instance_number'),
    rows: integer('rows'),
    columns: integer('columns'),
    numberOfFrames: integer('number_of_frames'),
    transferSyntaxUid: text('transfer_syntax_uid').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Where the dataset starts after the file meta information. */
    datasetOffset: integer('dataset_offset').notNull(),
    /** The instance's DICOM JSON, bulk data as BulkDataURIs under a placeholder base (dicom-json.ts). */
    metadata: text('metadata').notNull(),
    frames: jsonb('frames').$type<StoredFrames>().notNull(),
    /** Bulk values by element path: [offset, length] in the file (in the inflated dataset when deflated). */
    bulk: jsonb('bulk').$type<Record<string, [number, number]>>().notNull(),
    warnings: jsonb('warnings').$type<string[]>().notNull(),
    /** The file as it first arrived, when a person has since rewritten its patient attributes. */
    originalSha256: text('original_sha256').references(() => blobs.sha256),
    source: text('source', { enum: ['stow', 'upload', 'dimse', 'orthanc'] }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('imaging_instances_uid_idx').on(t.sopInstanceUid),
    index('imaging_instances_series_idx').on(t.seriesId, t.instanceNumber),
    index('imaging_instances_study_idx').on(t.studyId),
    index('imaging_instances_sha_idx').on(t.sha256),
  ],
);

/** A file whose SOP Instance UID is already stored with other content: kept aside for a person to resolve. */
export const imagingConflicts = pgTable(
  'imaging_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sopInstanceUid: text('sop_instance_uid').notNull(),
    studyUid: text('study_uid').notNull(),
    seriesUid: text('series_uid').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    size: bigint('size', { mode: 'number' }).notNull(),
    source: text('source', { enum: ['stow', 'upload', 'dimse', 'orthanc'] }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    resolution: text('resolution', { enum: ['kept-existing', 'replaced'] }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('imaging_conflicts_content_idx').on(t.sopInstanceUid, t.sha256),
    index('imaging_conflicts_open_idx').on(t.receivedAt).where(sql`${t.resolvedAt} is null`),
  ],
);

/** DICOM nodes this archive knows (admins manage them): who may associate, and where C-MOVE sends. */
export const dicomPeers = pgTable(
  'dicom_peers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    aeTitle: text('ae_title').notNull(),
    host: text('host').notNull(),
    port: integer('port').notNull(),
    verbs: text('verbs').array().notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dicom_peers_ae_title_idx').on(t.aeTitle)],
);

/** What DIMSE associations did, in and out, for the activity page (kept 30 days). */
export const dimseActivity = pgTable(
  'dimse_activity',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    peerAeTitle: text('peer_ae_title').notNull(),
    peerHost: text('peer_host').notNull(),
    operation: text('operation').notNull(),
    status: integer('status'),
    detail: text('detail').notNull().default(''),
    durationMs: integer('duration_ms'),
  },
  (t) => [index('dimse_activity_at_idx').on(t.at)],
);

/** A remote Orthanc: browsed, pulled from, pushed to, and (when asked) followed through its change feed. */
export const orthancLinks = pgTable('orthanc_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  username: text('username').notNull().default(''),
  /** Never returned by the API. */
  password: text('password'),
  followChanges: boolean('follow_changes').notNull().default(false),
  /** The last change of Orthanc's /changes feed already handled (its `Last`; `since` is exclusive). */
  lastChange: bigint('last_change', { mode: 'number' }).notNull().default(0),
  lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
  lastReconcileAt: timestamp('last_reconcile_at', { withTimezone: true }),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
