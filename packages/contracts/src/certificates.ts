import { z } from 'zod';
import { IsoDateSchema, IsoDateTimeSchema, PageQuerySchema, pageOf, requireChange } from './common.ts';

export const CERTIFICATE_TYPES = [
  'fit_to_work',
  'fit_to_study',
  'sick_leave',
  'medical_clearance',
  'custom',
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

/** draft → submitted → approved | rejected; rejected → draft (corrected); approved → issued (first PDF); revoked ends it. */
export const CERTIFICATE_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'issued',
  'revoked',
] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

const IsoDate = IsoDateSchema;
const LongText = z.string().trim().max(5000);

export const CertificateCreateSchema = z
  .object({
    type: z.enum(CERTIFICATE_TYPES),
    /** Required for custom certificates; others are titled by their type. */
    title: z.string().trim().min(1).max(200).nullable().optional(),
    findings: LongText.min(1),
    recommendation: LongText.nullable().optional(),
    /** Sick leave: the first and last day of rest (both required). Other types: an optional validity period. */
    validFrom: IsoDate.nullable().optional(),
    validTo: IsoDate.nullable().optional(),
  })
  .strict();
export type CertificateCreate = z.infer<typeof CertificateCreateSchema>;

export const CertificatePatchSchema = requireChange(
  z
    .object({
      type: z.enum(CERTIFICATE_TYPES),
      title: z.string().trim().min(1).max(200).nullable(),
      findings: LongText.min(1),
      recommendation: LongText.nullable(),
      validFrom: IsoDate.nullable(),
      validTo: IsoDate.nullable(),
    })
    .partial()
    .strict(),
);
export type CertificatePatch = z.infer<typeof CertificatePatchSchema>;

export const CertificateReasonSchema = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();

const PersonSchema = z.object({ id: z.uuid(), name: z.string() });

export const CertificateSchema = z.object({
  id: z.uuid(),
  patient: z.object({ id: z.uuid(), mrn: z.string(), name: z.string() }),
  type: z.enum(CERTIFICATE_TYPES),
  title: z.string().nullable(),
  findings: z.string(),
  recommendation: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** Sick leave: days of rest, first and last day included. */
  restDays: z.number().int().nullable(),
  status: z.enum(CERTIFICATE_STATUSES),
  /** e.g. CERT-2026-000123, given on approval. */
  number: z.string().nullable(),
  /** e.g. ABCD-EFGH-JK, given on approval; typed or scanned at /verify. */
  verificationCode: z.string().nullable(),
  verifyUrl: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  revocationReason: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  createdBy: PersonSchema.nullable(),
  updatedAt: IsoDateTimeSchema,
  submittedAt: IsoDateTimeSchema.nullable(),
  approvedAt: IsoDateTimeSchema.nullable(),
  approvedBy: PersonSchema.extend({ licenceNumber: z.string() }).nullable(),
  rejectedAt: IsoDateTimeSchema.nullable(),
  rejectedBy: PersonSchema.nullable(),
  issuedAt: IsoDateTimeSchema.nullable(),
  revokedAt: IsoDateTimeSchema.nullable(),
});
export type Certificate = z.infer<typeof CertificateSchema>;

export const CERTIFICATE_SORT_FIELDS = ['submittedAt', 'createdAt', 'approvedAt'] as const;
export const CertificateListQuerySchema = PageQuerySchema.extend({
  status: z.enum(CERTIFICATE_STATUSES).optional(),
  type: z.enum(CERTIFICATE_TYPES).optional(),
  /** Oldest first by default: the doctors' inbox is worked from the front. */
  sort: z.enum(CERTIFICATE_SORT_FIELDS).default('submittedAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
  /**
   * 'true': only what the caller may approve, so a doctor's inbox leaves out their own drafts when the clinic
   * requires a second doctor.
   */
  approvable: z.enum(['true', 'false']).default('false'),
});
export const CertificatePageSchema = pageOf(CertificateSchema);
export const CertificateListSchema = z.object({ items: z.array(CertificateSchema) });
export const CertificateInboxCountSchema = z.object({ count: z.number().int() });

export const CertificatePatientParamsSchema = z.object({ patientId: z.uuid() });

export const VerificationParamsSchema = z.object({ code: z.string().max(40) });
export const VerificationQuerySchema = z.object({ lang: z.enum(['en', 'es']).optional() });

/** What anyone holding the code may learn: nothing more. */
export const CertificateVerificationSchema = z.object({
  valid: z.boolean(),
  status: z.enum(['valid', 'revoked']),
  type: z.enum(CERTIFICATE_TYPES),
  issuedAt: IsoDateTimeSchema,
  patientInitials: z.string(),
  clinicName: z.string(),
});
export type CertificateVerification = z.infer<typeof CertificateVerificationSchema>;

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
export const VERIFICATION_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_LENGTH = 10;

/** Upper-cases, drops spaces and dashes, and reads the look-alikes O as 0 and I/L as 1; null if it cannot be a code. */
export function normalizeVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== VERIFICATION_CODE_LENGTH) return null;
  for (const ch of code) if (!VERIFICATION_ALPHABET.includes(ch)) return null;
  return code;
}

/** ABCDEFGHJK → ABCD-EFGH-JK */
export function formatVerificationCode(code: string): string {
  return [code.slice(0, 4), code.slice(4, 8), code.slice(8)].filter(Boolean).join('-');
}

/** Published on every certificate transition, with the certificate id as resourceId. */
export const CERTIFICATE_CHANGED_EVENT = 'certificate.changed';
