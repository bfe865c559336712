import { z } from 'zod';
import { AttachmentSchema } from './attachments.ts';
import { IsoDateTimeSchema, PageQuerySchema, pageOf, requireChange } from './common.ts';
import { Icd10CodeInputSchema } from './icd10.ts';
import { PrescriptionSchema } from './prescriptions.ts';
import { VitalsSchema } from './vitals.ts';

/** Published after any change to a patient's chart; resourceId is the patient id. */
export const CHART_CHANGED_EVENT = 'chart.changed';

export const ENCOUNTER_TYPES = ['consultation', 'follow-up', 'dental', 'emergency', 'teleconsult'] as const;
export type EncounterType = (typeof ENCOUNTER_TYPES)[number];
export const ENCOUNTER_STATUSES = ['draft', 'signed'] as const;

const note = z.string().max(20_000);

export const CreateEncounterSchema = z
  .object({
    type: z.enum(ENCOUNTER_TYPES),
    /** A user with a clinical role (chart:write); defaults to the caller. */
    providerId: z.uuid().optional(),
    startedAt: IsoDateTimeSchema.optional(),
    chiefComplaint: z.string().trim().max(500).optional(),
  })
  .strict();

/** Only while the encounter is a draft; a signed note is corrected with an addendum. */
export const UpdateEncounterSchema = requireChange(
  z
    .object({
      type: z.enum(ENCOUNTER_TYPES),
      providerId: z.uuid(),
      startedAt: IsoDateTimeSchema,
      chiefComplaint: z.string().trim().max(500).nullable(),
      subjective: note.nullable(),
      objective: note.nullable(),
      assessment: note.nullable(),
      plan: note.nullable(),
    })
    .partial()
    .strict(),
);

export const EncounterListQuerySchema = PageQuerySchema;

/** The code's English description and, where the code table has one, its Spanish wording (for display only). */
const codedDiagnosis = z.object({
  code: z.string(),
  description: z.string(),
  descriptionEs: z.string().nullable(),
});

export const EncounterSummarySchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  type: z.enum(ENCOUNTER_TYPES),
  status: z.enum(ENCOUNTER_STATUSES),
  providerId: z.uuid(),
  providerName: z.string(),
  startedAt: z.string(),
  chiefComplaint: z.string().nullable(),
  primaryDiagnosis: codedDiagnosis.nullable(),
  signedBy: z.uuid().nullable(),
  signedByName: z.string().nullable(),
  signedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EncounterSummary = z.infer<typeof EncounterSummarySchema>;
export const EncounterPageSchema = pageOf(EncounterSummarySchema);

/** A draft note of the caller's, for their home page: the patient, and when the encounter began. */
export const UnsignedNoteSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  mrn: z.string(),
  type: z.enum(ENCOUNTER_TYPES),
  startedAt: z.string(),
  chiefComplaint: z.string().nullable(),
});
export type UnsignedNote = z.infer<typeof UnsignedNoteSchema>;
export const UNSIGNED_NOTES_LIMIT = 20;
export const UnsignedNotesSchema = z.object({ items: z.array(UnsignedNoteSchema), total: z.number().int() });
export type UnsignedNotes = z.infer<typeof UnsignedNotesSchema>;

export const DIAGNOSIS_KINDS = ['primary', 'secondary'] as const;
export const AddDiagnosisSchema = z
  .object({
    code: Icd10CodeInputSchema,
    /** Omitted: primary when the encounter has none yet, otherwise secondary. */
    kind: z.enum(DIAGNOSIS_KINDS).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export const DiagnosisSchema = codedDiagnosis.extend({
  id: z.uuid(),
  encounterId: z.uuid(),
  kind: z.enum(DIAGNOSIS_KINDS),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
export const DiagnosisParamsSchema = z.object({ id: z.uuid(), diagnosisId: z.uuid() });

export const AddProcedureSchema = z
  .object({
    description: z.string().trim().min(1).max(500),
    /** Any coding system the clinic uses (CPT, local price-list code); free text. */
    code: z.string().trim().min(1).max(20).optional(),
    performedAt: IsoDateTimeSchema.optional(),
  })
  .strict();
export const ProcedureSchema = z.object({
  id: z.uuid(),
  encounterId: z.uuid(),
  description: z.string(),
  code: z.string().nullable(),
  performedAt: z.string(),
  performedBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type Procedure = z.infer<typeof ProcedureSchema>;
export const ProcedureParamsSchema = z.object({ id: z.uuid(), procedureId: z.uuid() });

export const AddAddendumSchema = z
  .object({
    reason: z.string().trim().min(1).max(500),
    text: z.string().trim().min(1).max(20_000),
  })
  .strict();
export const AddendumSchema = z.object({
  id: z.uuid(),
  encounterId: z.uuid(),
  authorId: z.uuid(),
  authorName: z.string(),
  reason: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type Addendum = z.infer<typeof AddendumSchema>;

export const EncounterSchema = EncounterSummarySchema.extend({
  subjective: z.string().nullable(),
  objective: z.string().nullable(),
  assessment: z.string().nullable(),
  plan: z.string().nullable(),
  vitals: z.array(VitalsSchema),
  diagnoses: z.array(DiagnosisSchema),
  procedures: z.array(ProcedureSchema),
  prescriptions: z.array(PrescriptionSchema),
  addenda: z.array(AddendumSchema),
  attachments: z.array(AttachmentSchema),
});
export type Encounter = z.infer<typeof EncounterSchema>;

export const ChartPatientParamsSchema = z.object({ patientId: z.uuid() });
