import { z } from 'zod';

/** Request and response shapes of the Orthanc routes beyond the links themselves (those are in contracts). */
export const OrthancLinkParamsSchema = z.object({ id: z.uuid() });

export const OrthancStudyParamsSchema = OrthancLinkParamsSchema.extend({
  orthancId: z
    .string()
    .max(64)
    .regex(/^[0-9a-f]{8}(-[0-9a-f]{8}){4}$/, 'an Orthanc study id such as 27185896-2fb5c02f-…'),
});

const Day = z.string().regex(/^\d{4}-?\d{2}-?\d{2}$/, 'a date such as 2026-12-01');

export const OrthancBrowseQuerySchema = z.object({
  /** Part of a patient's name, a patient ID or an accession number. Orthanc's wildcards are not allowed. */
  q: z
    .string()
    .trim()
    .max(64)
    .regex(/^[^*?\\]*$/, 'text without * ? or \\')
    .optional(),
  from: Day.optional(),
  to: Day.optional(),
  modality: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,16}$/, 'a modality such as CT or MR')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type OrthancBrowseQuery = z.infer<typeof OrthancBrowseQuerySchema>;

export const OrthancRemoteStudySchema = z.object({
  orthancId: z.string(),
  studyUid: z.string(),
  patientName: z.string(),
  patientId: z.string(),
  /** DICOM text, YYYYMMDD, as Orthanc holds it. */
  date: z.string(),
  description: z.string(),
  accessionNumber: z.string(),
  modalities: z.array(z.string()),
  instances: z.number().int(),
  /** Already in this archive (some or all of its instances). */
  stored: z.boolean(),
});
export type OrthancRemoteStudy = z.infer<typeof OrthancRemoteStudySchema>;
export const OrthancRemoteStudyListSchema = z.object({
  items: z.array(OrthancRemoteStudySchema),
  /** More studies matched than were listed. */
  truncated: z.boolean(),
});

export const OrthancTestResultSchema = z.object({
  ok: z.boolean(),
  version: z.string().nullable(),
  message: z.string(),
});
export type OrthancTestResult = z.infer<typeof OrthancTestResultSchema>;

export const OrthancPullResultSchema = z.object({
  studyUid: z.string(),
  stored: z.number().int(),
  duplicate: z.number().int(),
  conflict: z.number().int(),
  refused: z.number().int(),
  /** Instances that could not be fetched (gone from Orthanc, or the transfer failed). */
  failed: z.number().int(),
  /** The first few reasons for refusals and failures. */
  errors: z.array(z.string()),
});
export type OrthancPullResult = z.infer<typeof OrthancPullResultSchema>;

export const OrthancPushBodySchema = z.object({
  studyUid: z
    .string()
    .max(64)
    .regex(/^[0-9]+(\.[0-9]+)*$/, 'a DICOM UID (digits and dots)'),
});

export const OrthancPushResultSchema = z.object({
  studyUid: z.string(),
  /** Orthanc's id of the study once it holds it (from /tools/lookup). */
  orthancStudyId: z.string().nullable(),
  sent: z.number().int(),
  alreadyThere: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.string()),
});
export type OrthancPushResult = z.infer<typeof OrthancPushResultSchema>;

export const OrthancReconcileResultSchema = z.object({
  /** Studies Orthanc listed. */
  checked: z.number().int(),
  /** Of those, studies that were missing here and were pulled. */
  pulled: z.number().int(),
  stored: z.number().int(),
  refused: z.number().int(),
  failed: z.number().int(),
  /** The time budget ran out before the whole list was checked (the next run starts again). */
  incomplete: z.boolean(),
  errors: z.array(z.string()),
});
export type OrthancReconcileResult = z.infer<typeof OrthancReconcileResultSchema>;
