import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const PrescriptionItemSchema = z
  .object({
    drug: text(200),
    strength: text(50).optional(),
    form: text(50).optional(),
    dose: text(100),
    route: text(50),
    frequency: text(100),
    durationDays: z.number().int().min(1).max(365).optional(),
    quantity: z.number().int().min(1).max(10_000).optional(),
    instructions: z.string().trim().max(1000).optional(),
  })
  .strict();
export type PrescriptionItem = z.infer<typeof PrescriptionItemSchema>;

export const CreatePrescriptionsSchema = z
  .object({
    items: z.array(PrescriptionItemSchema).min(1).max(20),
    /** Required to prescribe a drug that matches one of the patient's active allergies; saved and audited. */
    allergyOverrideReason: z.string().trim().min(3).max(500).optional(),
  })
  .strict();
export type CreatePrescriptions = z.infer<typeof CreatePrescriptionsSchema>;

export const PRESCRIPTION_STATUSES = ['active', 'stopped'] as const;

export const PrescriptionSchema = z.object({
  id: z.uuid(),
  /** Drugs prescribed together in one request share a batch and print on one prescription. */
  batchId: z.uuid(),
  patientId: z.uuid(),
  encounterId: z.uuid(),
  prescriberId: z.uuid(),
  prescriberName: z.string(),
  drug: z.string(),
  strength: z.string().nullable(),
  form: z.string().nullable(),
  dose: z.string(),
  route: z.string(),
  frequency: z.string(),
  durationDays: z.number().int().nullable(),
  quantity: z.number().int().nullable(),
  instructions: z.string().nullable(),
  status: z.enum(PRESCRIPTION_STATUSES),
  /** The allergies this drug matched when it was prescribed (with an override reason). */
  allergyWarnings: z.array(z.string()),
  allergyOverrideReason: z.string().nullable(),
  createdAt: z.string(),
  stoppedAt: z.string().nullable(),
  stoppedBy: z.uuid().nullable(),
  stopReason: z.string().nullable(),
});
export type Prescription = z.infer<typeof PrescriptionSchema>;
export const PrescriptionListSchema = z.object({ items: z.array(PrescriptionSchema) });

export const PrescriptionListQuerySchema = z.object({
  status: z.enum([...PRESCRIPTION_STATUSES, 'all']).default('all'),
});
export const StopPrescriptionSchema = z.object({ reason: text(500) }).strict();

/** Everything the printable prescription needs, from getPrescriptionForPrint. */
export const PrescriptionPrintSchema = z.object({
  prescriptionId: z.uuid(),
  batchId: z.uuid(),
  encounterId: z.uuid(),
  date: z.string(),
  patient: z.object({
    id: z.uuid(),
    mrn: z.string(),
    name: z.string(),
    birthDate: z.string(),
    sex: z.string(),
  }),
  allergies: z.array(
    z.object({ substance: z.string(), reaction: z.string().nullable(), severity: z.string() }),
  ),
  prescriber: z.object({ id: z.uuid(), name: z.string(), licenceNumber: z.string().nullable() }),
  lines: z.array(
    PrescriptionItemSchema.extend({
      id: z.uuid(),
      allergyOverrideReason: z.string().nullable(),
    }),
  ),
});
export type PrescriptionPrint = z.infer<typeof PrescriptionPrintSchema>;
