import { z } from 'zod';

export const ATTACHMENT_KINDS = ['photo', 'lab-result', 'imaging', 'referral', 'document', 'other'] as const;
export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * The upload is the raw file as the request body, with Content-Type image/jpeg, image/png or application/pdf,
 * and these query parameters.
 */
export const UploadAttachmentQuerySchema = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine(
      (s) => ![...s].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20),
      'must be a plain file name (no slashes or control characters)',
    ),
  kind: z.enum(ATTACHMENT_KINDS).default('document'),
  encounterId: z.uuid().optional(),
});

export const AttachmentSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  encounterId: z.uuid().nullable(),
  kind: z.enum(ATTACHMENT_KINDS),
  filename: z.string(),
  contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.uuid().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;
export const AttachmentListSchema = z.object({ items: z.array(AttachmentSchema) });
export const AttachmentContentQuerySchema = z.object({
  download: z.enum(['true', 'false']).default('false'),
});

/** A clinician's home: files added lately to the records of patients they see. */
export const RECENT_DOCUMENTS_DAYS = 14;
export const RECENT_DOCUMENTS_LIMIT = 10;
export const RecentDocumentSchema = AttachmentSchema.pick({
  id: true,
  patientId: true,
  kind: true,
  filename: true,
  contentType: true,
  uploadedByName: true,
  createdAt: true,
}).extend({ patientName: z.string(), mrn: z.string() });
export type RecentDocument = z.infer<typeof RecentDocumentSchema>;
export const RecentDocumentsSchema = z.object({ items: z.array(RecentDocumentSchema) });
export type RecentDocuments = z.infer<typeof RecentDocumentsSchema>;
