import { z } from 'zod';
import { IsoDateSchema } from './common.ts';

const Uid = z
  .string()
  .max(64)
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'must be a DICOM UID (digits and dots)');

export const STUDY_LINKS = ['matched', 'linked', 'unmatched'] as const;
export type StudyLink = (typeof STUDY_LINKS)[number];

/** A study as imaging lists show it: the file's patient attributes next to the Carebase patient it is linked to. */
export const ImagingStudySchema = z.object({
  id: z.uuid(),
  studyUid: z.string(),
  link: z.enum(STUDY_LINKS),
  patientId: z.uuid().nullable(),
  /** The linked Carebase patient's name and MRN; null while unmatched. */
  patientName: z.string().nullable(),
  mrn: z.string().nullable(),
  dicomPatientId: z.string(),
  dicomPatientName: z.string(),
  dicomBirthDate: z.string(),
  dicomSex: z.string(),
  /** DICOM dates and times as written in the files (YYYYMMDD, HHMMSS); empty when the files have none. */
  studyDate: z.string(),
  studyTime: z.string(),
  accessionNumber: z.string(),
  description: z.string(),
  referringPhysician: z.string(),
  institution: z.string(),
  modalities: z.array(z.string()),
  seriesCount: z.number().int(),
  instanceCount: z.number().int(),
  size: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImagingStudy = z.infer<typeof ImagingStudySchema>;

export const IMAGING_PAGE_SIZE = 50;

export const ImagingStudyQuerySchema = z.object({
  /** Words of the patient's name, a patient ID, an accession number or words of the description. */
  q: z.string().trim().max(200).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  modality: z
    .string()
    .regex(/^[A-Z0-9]{1,16}$/, 'a modality code such as CT')
    .optional(),
  link: z.enum(STUDY_LINKS).optional(),
  patientId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(IMAGING_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ImagingStudyQuery = z.infer<typeof ImagingStudyQuerySchema>;
export const ImagingStudyListSchema = z.object({
  items: z.array(ImagingStudySchema),
  total: z.number().int(),
});
export type ImagingStudyList = z.infer<typeof ImagingStudyListSchema>;

export const ImagingSeriesSchema = z.object({
  id: z.uuid(),
  seriesUid: z.string(),
  modality: z.string(),
  seriesNumber: z.number().int().nullable(),
  description: z.string(),
  bodyPart: z.string(),
  instanceCount: z.number().int(),
  /** The instance a thumbnail or preview shows (the middle one). */
  previewInstanceUid: z.string().nullable(),
});
export type ImagingSeries = z.infer<typeof ImagingSeriesSchema>;

export const PatientSuggestionSchema = z.object({
  id: z.uuid(),
  mrn: z.string(),
  name: z.string(),
  birthDate: z.string(),
  score: z.number(),
});
export type PatientSuggestion = z.infer<typeof PatientSuggestionSchema>;

export const ImagingStudyDetailSchema = ImagingStudySchema.extend({
  series: z.array(ImagingSeriesSchema),
  /** For an unmatched study: patients who may be the one (by name and birth date), best first. */
  suggestions: z.array(PatientSuggestionSchema),
});
export type ImagingStudyDetail = z.infer<typeof ImagingStudyDetailSchema>;

export const LinkStudySchema = z.object({
  patientId: z.uuid(),
  /** Also write the patient's MRN and name into the stored files (the originals are kept). */
  rewrite: z.boolean().default(false),
});
export type LinkStudy = z.infer<typeof LinkStudySchema>;

export const DeleteImagingSchema = z.object({
  reason: z.string().trim().min(3, 'say why, in a few words').max(500),
});
export type DeleteImaging = z.infer<typeof DeleteImagingSchema>;

export const ImagingConflictSchema = z.object({
  id: z.uuid(),
  sopInstanceUid: z.string(),
  studyUid: z.string(),
  seriesUid: z.string(),
  size: z.number().int(),
  source: z.enum(['stow', 'upload', 'dimse', 'orthanc']),
  receivedAt: z.string(),
});
export type ImagingConflict = z.infer<typeof ImagingConflictSchema>;
export const ImagingConflictListSchema = z.object({ items: z.array(ImagingConflictSchema) });
export const ResolveConflictSchema = z.object({
  /** Keep what was stored first, or replace it with the file that conflicted (the first is kept as original). */
  resolution: z.enum(['kept-existing', 'replaced']),
});

export const DIMSE_VERBS = ['echo', 'find', 'move', 'get', 'store'] as const;
export type DimseVerb = (typeof DIMSE_VERBS)[number];

const AeTitle = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[\x20-\x5b\x5d-\x7e]+$/, 'up to 16 printable ASCII characters, no backslash');

/** A DICOM node this archive knows: what it may ask of us, and where we reach it. */
export const DicomPeerInputSchema = z.object({
  aeTitle: AeTitle,
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:-]+$/, 'a host name or IP address'),
  port: z.number().int().min(1).max(65535),
  /** What the peer may ask of this archive (its associations are refused for anything else). */
  verbs: z.array(z.enum(DIMSE_VERBS)).max(5),
  description: z.string().trim().max(200).default(''),
});
export type DicomPeerInput = z.infer<typeof DicomPeerInputSchema>;
export const DicomPeerSchema = DicomPeerInputSchema.extend({
  id: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DicomPeer = z.infer<typeof DicomPeerSchema>;
export const DicomPeerListSchema = z.object({ items: z.array(DicomPeerSchema) });

export const DimseActivitySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  direction: z.enum(['in', 'out']),
  peerAeTitle: z.string(),
  peerHost: z.string(),
  operation: z.string(),
  /** The DIMSE status (0 success), or null for association events. */
  status: z.number().int().nullable(),
  detail: z.string(),
  durationMs: z.number().int().nullable(),
});
export type DimseActivity = z.infer<typeof DimseActivitySchema>;
export const DimseActivityListSchema = z.object({ items: z.array(DimseActivitySchema) });

export const OrthancLinkInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  url: z
    .string()
    .trim()
    .max(2000)
    .regex(/^https?:\/\/[^\s]+$/, 'an http(s) address such as http://orthanc.local:8042'),
  username: z.string().max(200).default(''),
  /** Write-only: set with a string, kept when omitted, cleared with null. */
  password: z.string().max(1000).nullable().optional(),
  /** Import new studies automatically from Orthanc's change feed. */
  followChanges: z.boolean().default(false),
});
export type OrthancLinkInput = z.infer<typeof OrthancLinkInputSchema>;
export const OrthancLinkSchema = OrthancLinkInputSchema.omit({ password: true }).extend({
  id: z.uuid(),
  passwordSet: z.boolean(),
  lastChange: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type OrthancLink = z.infer<typeof OrthancLinkSchema>;
export const OrthancLinkListSchema = z.object({ items: z.array(OrthancLinkSchema) });

export const StudyUidParamsSchema = z.object({ studyUid: Uid });

export const PeerEchoResultSchema = z.object({
  ok: z.boolean(),
  status: z.number().int().nullable(),
  ms: z.number().int(),
  message: z.string(),
});
export type PeerEchoResult = z.infer<typeof PeerEchoResultSchema>;

/** A C-FIND at study level on a peer: the usual keys, each optional (DICOM wildcards and date ranges allowed). */
export const PeerFindSchema = z.object({
  patientName: z.string().trim().max(64).optional(),
  patientId: z.string().trim().max(64).optional(),
  studyDate: z
    .string()
    .regex(/^(\d{8})?(-(\d{8})?)?$/, 'a DICOM date or range such as 20240101-20241231')
    .optional(),
  accessionNumber: z.string().trim().max(16).optional(),
  modality: z.string().trim().max(16).optional(),
});
export type PeerFind = z.infer<typeof PeerFindSchema>;
export const PeerStudySchema = z.object({
  studyUid: z.string(),
  patientName: z.string(),
  patientId: z.string(),
  studyDate: z.string(),
  accessionNumber: z.string(),
  description: z.string(),
  modalities: z.array(z.string()),
  instances: z.number().int().nullable(),
  /** Whether this archive already holds the study. */
  stored: z.boolean(),
});
export type PeerStudy = z.infer<typeof PeerStudySchema>;
export const PeerStudyListSchema = z.object({ items: z.array(PeerStudySchema) });

export const PeerRetrieveSchema = z.object({
  studyUid: Uid,
  /** C-GET brings the files back over the same association; C-MOVE asks the peer to send them to this archive's DICOM port. */
  method: z.enum(['get', 'move']).default('get'),
});
export const PeerStoreSchema = z.object({ studyUid: Uid });
export const PeerTransferResultSchema = z.object({
  status: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  warning: z.number().int(),
  message: z.string(),
});
export type PeerTransferResult = z.infer<typeof PeerTransferResultSchema>;
