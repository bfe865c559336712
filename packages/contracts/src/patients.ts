import { z } from 'zod';
import { EmailSchema, IdSchema, requireChange } from './common.ts';

export const PATIENT_SEXES = ['female', 'male', 'intersex', 'unknown'] as const;
export const CIVIL_STATUSES = [
  'single',
  'married',
  'partner',
  'separated',
  'divorced',
  'widowed',
  'unknown',
] as const;
export const BLOOD_TYPES = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'unknown'] as const;
export const IDENTIFIER_TYPES = [
  'student',
  'employee',
  'national',
  'passport',
  'insurance',
  'other',
] as const;
export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'unknown'] as const;
export const ALLERGY_STATUSES = ['active', 'inactive'] as const;
export const CONDITION_STATUSES = ['active', 'resolved'] as const;

/** Published after commit whenever a patient's record changes (create, edit, photo, allergies, conditions, merge). */
export const PATIENT_CHANGED_EVENT = 'patient.changed';

export const EARLIEST_BIRTH_DATE = '1900-01-01';
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;

/** Today's date as YYYY-MM-DD in the time zone furthest ahead (UTC+14), so no clinic's "today" is refused. */
function latestToday(): string {
  return new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** Looks like YYYY-MM-DD (a search box term of this shape is meant as a date). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A YYYY-MM-DD that exists in the calendar and that PostgreSQL's date type accepts: no 2025-02-30, and no
 * year 0000 (the calendar goes from 1 BC to AD 1).
 */
export function isRealDate(s: string): boolean {
  if (!DATE_PATTERN.test(s) || s < '0001-01-01') return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const DateSchema = z
  .string()
  .regex(DATE_PATTERN, 'a date as YYYY-MM-DD')
  .refine(isRealDate, 'not a real calendar date');

export const BirthDateSchema = DateSchema.refine(
  (s) => s >= EARLIEST_BIRTH_DATE,
  'must not be before 1900',
).refine((s) => s <= latestToday(), 'must not be in the future');

/** Optional text: blank becomes null, so a cleared form field clears the value. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

const requiredText = (max: number) => z.string().trim().min(1, 'is required').max(max);

/** A phone as typed (local or international); the server validates it and stores E.164. */
export const PhoneInputSchema = z
  .string()
  .trim()
  .max(40)
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

const OptionalEmailSchema = z
  .union([z.literal('').transform(() => null), EmailSchema])
  .nullable()
  .optional();

export const PatientIdentifierSchema = z.object({
  type: z.enum(IDENTIFIER_TYPES),
  /** Stored upper-case without surrounding spaces; unique per type. */
  value: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(64)
    .transform((s) => s.toUpperCase()),
});

export const AddressSchema = z
  .object({
    line1: z.string().trim().max(200).optional(),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().max(100).optional(),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
    country: z
      .string()
      .trim()
      .regex(/^([A-Za-z]{2})?$/, 'an ISO 3166 two-letter country code')
      .transform((s) => s.toUpperCase())
      .optional(),
  })
  .strict();

export const EmergencyContactInputSchema = z
  .object({
    name: requiredText(200),
    relationship: requiredText(50),
    phone: PhoneInputSchema,
    email: OptionalEmailSchema,
  })
  .strict();

export const PayerSchema = z
  .object({
    name: requiredText(200),
    memberId: requiredText(64),
    groupNumber: z
      .string()
      .trim()
      .max(64)
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .default(null),
  })
  .strict();

export const AllergyInputSchema = z
  .object({
    substance: requiredText(200),
    reaction: text(500),
    severity: z.enum(ALLERGY_SEVERITIES),
  })
  .strict();
export const AllergyUpdateSchema = requireChange(
  z
    .object({
      reaction: text(500),
      severity: z.enum(ALLERGY_SEVERITIES),
      /** inactive: recorded in error or no longer applies; the row is kept. */
      status: z.enum(ALLERGY_STATUSES),
    })
    .partial()
    .strict(),
);

export const ConditionInputSchema = z
  .object({
    name: requiredText(200),
    icd10Code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'an ICD-10 code such as E11.9')
      .nullable()
      .optional(),
    since: DateSchema.nullable().optional(),
  })
  .strict();
export const ConditionUpdateSchema = requireChange(
  z
    .object({
      name: ConditionInputSchema.shape.name,
      icd10Code: ConditionInputSchema.shape.icd10Code,
      since: ConditionInputSchema.shape.since,
      status: z.enum(CONDITION_STATUSES),
    })
    .partial()
    .strict(),
);

const demographics = {
  givenName: requiredText(100),
  middleName: text(100),
  familyName: requiredText(100),
  suffix: text(20),
  preferredName: text(100),
  sex: z.enum(PATIENT_SEXES),
  gender: text(100),
  birthDate: BirthDateSchema,
  civilStatus: z.enum(CIVIL_STATUSES).nullable().optional(),
  identifiers: z.array(PatientIdentifierSchema).max(20),
  phone: PhoneInputSchema,
  altPhone: PhoneInputSchema,
  email: OptionalEmailSchema,
  address: AddressSchema,
  emergencyContacts: z.array(EmergencyContactInputSchema).max(10),
  bloodType: z.enum(BLOOD_TYPES).nullable().optional(),
  payer: PayerSchema.nullable().optional(),
};

export const CreatePatientSchema = z
  .object({
    ...demographics,
    identifiers: demographics.identifiers.default([]),
    address: demographics.address.default({}),
    emergencyContacts: demographics.emergencyContacts.default([]),
    /** Allergies and chronic conditions reported at registration. */
    allergies: z.array(AllergyInputSchema).max(50).default([]),
    conditions: z.array(ConditionInputSchema).max(50).default([]),
    /** Register even though possible duplicates exist (otherwise 409 naming their MRNs). */
    confirmDuplicate: z.boolean().default(false),
  })
  .strict();
export type CreatePatientInput = z.infer<typeof CreatePatientSchema>;

/** Every field optional; null clears an optional one. `identifiers` replaces the whole list. */
export const UpdatePatientSchema = requireChange(
  z
    .object({
      ...demographics,
      /** The portal account of this patient: a user holding the patient role; null unlinks. */
      userId: IdSchema.nullable(),
    })
    .partial()
    .strict(),
);
export type UpdatePatientInput = z.infer<typeof UpdatePatientSchema>;

// Responses: plain shapes without transforms, so they serialise as they are.

export const AllergySchema = z.object({
  id: z.uuid(),
  substance: z.string(),
  reaction: z.string().nullable(),
  severity: z.enum(ALLERGY_SEVERITIES),
  status: z.enum(ALLERGY_STATUSES),
  recordedAt: z.string(),
  recordedBy: z.uuid().nullable(),
});
export type Allergy = z.infer<typeof AllergySchema>;

export const ConditionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  icd10Code: z.string().nullable(),
  since: z.string().nullable(),
  status: z.enum(CONDITION_STATUSES),
  recordedAt: z.string(),
  recordedBy: z.uuid().nullable(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export const PatientIdentifierResponseSchema = z.object({
  type: z.enum(IDENTIFIER_TYPES),
  value: z.string(),
});

const AddressResponseSchema = z.object({
  line1: z.string().optional(),
  line2: z.string().optional(),
  city: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});

export const EmergencyContactSchema = z.object({
  name: z.string(),
  relationship: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

const PayerResponseSchema = z.object({
  name: z.string(),
  memberId: z.string(),
  groupNumber: z.string().nullable(),
});

const nameFields = {
  id: z.uuid(),
  mrn: z.string(),
  givenName: z.string(),
  middleName: z.string().nullable(),
  familyName: z.string(),
  suffix: z.string().nullable(),
  preferredName: z.string().nullable(),
  /** "Given Middle Family Suffix", for lists and headers. */
  displayName: z.string(),
  sex: z.enum(PATIENT_SEXES),
  birthDate: z.string(),
  phone: z.string().nullable(),
  /** GET this to show the photo; null when there is none. Changes when the photo changes. */
  photoUrl: z.string().nullable(),
  mergedIntoId: z.uuid().nullable(),
};

export const PatientSummarySchema = z.object({
  ...nameFields,
  /** Only for fuzzy name searches: how well the name matched, 0..1. */
  score: z.number().optional(),
});
export type PatientSummary = z.infer<typeof PatientSummarySchema>;

export const PatientSchema = z.object({
  ...nameFields,
  gender: z.string().nullable(),
  civilStatus: z.enum(CIVIL_STATUSES).nullable(),
  identifiers: z.array(PatientIdentifierResponseSchema),
  altPhone: z.string().nullable(),
  email: z.string().nullable(),
  address: AddressResponseSchema,
  emergencyContacts: z.array(EmergencyContactSchema),
  bloodType: z.enum(BLOOD_TYPES).nullable(),
  payer: PayerResponseSchema.nullable(),
  allergies: z.array(AllergySchema),
  conditions: z.array(ConditionSchema),
  userId: z.uuid().nullable(),
  mergedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Patient = z.infer<typeof PatientSchema>;

export const PATIENT_SORT_FIELDS = ['relevance', 'name', 'birthDate', 'createdAt', 'mrn'] as const;
export type PatientSortField = (typeof PATIENT_SORT_FIELDS)[number];
export const NAME_MATCHES = ['prefix', 'fuzzy'] as const;
export const PATIENT_SEARCH_MAX_LIMIT = 100;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * Filters combine with AND. `q` is the search box: a birth date (YYYY-MM-DD), an MRN or identifier
 * (exact), a phone number (normalised to E.164, also matched as an identifier), or else a name.
 * Names match by prefix of "given middle family" or "family given middle" (accent- and case-insensitive),
 * or with `match=fuzzy` by trigram similarity, best first.
 */
export const PatientSearchQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(100)
      // A term shaped like a date is searched as a birth date, so it has to be a real one.
      .refine(
        (q) => !DATE_PATTERN.test(q) || isRealDate(q),
        'looks like a date but is not a real calendar date',
      )
      .optional(),
    name: z.string().trim().min(1).max(100).optional(),
    match: z.enum(NAME_MATCHES).default('prefix'),
    mrn: z.string().trim().min(1).max(64).optional(),
    /** Any identifier value (not the MRN), exact; narrowed by identifierType when given. */
    identifier: z.string().trim().min(1).max(64).optional(),
    identifierType: z.enum(IDENTIFIER_TYPES).optional(),
    phone: z.string().trim().min(1).max(40).optional(),
    birthDate: DateSchema.optional(),
    birthDateFrom: DateSchema.optional(),
    birthDateTo: DateSchema.optional(),
    sex: z.enum(PATIENT_SEXES).optional(),
    includeMerged: flag.default(false),
    /** relevance applies to fuzzy name searches (and is their default); otherwise name is the default. */
    sort: z.enum(PATIENT_SORT_FIELDS).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(PATIENT_SEARCH_MAX_LIMIT).default(25),
    /** nextCursor of the previous page, with the same filters and sort. */
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type PatientSearchQuery = z.infer<typeof PatientSearchQuerySchema>;

/** The CSV export stops after this many rows. */
export const PATIENT_EXPORT_MAX_ROWS = 50_000;
/** The filters and order of a search, for the CSV export of every match (no pages). */
export const PatientExportQuerySchema = PatientSearchQuerySchema.omit({ limit: true, cursor: true });
export type PatientExportQuery = z.infer<typeof PatientExportQuerySchema>;

export const PatientPageSchema = z.object({
  items: z.array(PatientSummarySchema),
  /** Opaque; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type PatientPage = z.infer<typeof PatientPageSchema>;

/** What the registration form knows so far; candidates share the name and birth date, or a phone. */
export const DuplicateCheckQuerySchema = z
  .object({
    givenName: z.string().trim().min(1).max(100).optional(),
    familyName: z.string().trim().min(1).max(100).optional(),
    birthDate: DateSchema.optional(),
    phone: z.string().trim().min(1).max(40).optional(),
    altPhone: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type DuplicateCheckQuery = z.infer<typeof DuplicateCheckQuerySchema>;

export const DuplicateCandidateSchema = PatientSummarySchema.extend({
  reasons: z.array(z.enum(['name-and-birth-date', 'phone'])),
});
export const DuplicateCheckResponseSchema = z.object({ candidates: z.array(DuplicateCandidateSchema) });
export type DuplicateCheckResponse = z.infer<typeof DuplicateCheckResponseSchema>;

export const MergePatientSchema = z.object({ intoId: z.uuid() }).strict();
export const MergeResultSchema = z.object({
  survivor: PatientSchema,
  mergedId: z.uuid(),
  /** Rows moved to the survivor, by table. */
  moved: z.record(z.string(), z.number().int()),
});
export type MergeResult = z.infer<typeof MergeResultSchema>;

export const PatientIdParamsSchema = z.object({ id: z.uuid() });
export const AllergyParamsSchema = z.object({ id: z.uuid(), allergyId: z.uuid() });
export const ConditionParamsSchema = z.object({ id: z.uuid(), conditionId: z.uuid() });
export const PhotoQuerySchema = z.object({ v: z.string().max(64).optional() }).strict();

export const DEFAULT_MRN_FORMAT = 'MRN-{YYYY}-{SEQ:6}';
const MRN_TOKEN = /\{(YYYY|YY|SEQ:(\d{1,2}))\}/g;

/** Why an MRN format is not usable, or null when it is: {YYYY}, {YY} and exactly one {SEQ:n} (n 1..12). */
export function mrnFormatProblem(format: string): string | null {
  if (format.length === 0 || format.length > 40) return 'must be 1 to 40 characters';
  const seqs = [...format.matchAll(MRN_TOKEN)].filter((m) => m[2] !== undefined);
  if (seqs.length !== 1) return 'must contain exactly one {SEQ:n} token, such as {SEQ:6}';
  const width = Number(seqs[0]?.[2]);
  if (width < 1 || width > 12) return '{SEQ:n} takes a width n from 1 to 12';
  const literal = format.replace(MRN_TOKEN, '');
  if (!/^[A-Za-z0-9._/-]*$/.test(literal))
    return 'may contain only letters, digits, . _ / - and the tokens {YYYY}, {YY}, {SEQ:n}';
  return null;
}

/** The MRN for a sequence number; the sequence is zero-padded to the width and may grow past it. */
export function formatMrn(format: string, seq: number | bigint, year: number): string {
  return format.replace(MRN_TOKEN, (_token, name: string, width?: string) => {
    if (name === 'YYYY') return String(year).padStart(4, '0');
    if (name === 'YY') return String(year % 100).padStart(2, '0');
    return String(seq).padStart(Number(width), '0');
  });
}
