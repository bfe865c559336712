import { z } from 'zod';
import { MoneySchema, PositiveMoneySchema } from './billing.ts';
import { IsoDateSchema } from './common.ts';

export const PAYMENT_METHODS = ['cash', 'card', 'bank_transfer', 'e_wallet', 'insurance', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const ReasonSchema = z.string().trim().min(1, 'is required').max(500);

/**
 * Money taken from a patient. It settles the listed invoices in order, each up to what it still owes; more
 * than they owe is refused (409 naming the balance) unless `deposit` is true, when the rest is held on the
 * patient's account. With no invoices and `deposit`, the whole amount is an advance payment.
 */
export const CreatePaymentSchema = z
  .object({
    patientId: z.uuid(),
    method: z.enum(PAYMENT_METHODS),
    amountMinor: PositiveMoneySchema,
    invoiceIds: z.array(z.uuid()).max(50).default([]),
    deposit: z.boolean().default(false),
    /** Cash: what the patient handed over (at least the amount); the change is the difference. */
    tenderedMinor: MoneySchema.optional(),
    /** Card: the last four digits printed on the slip. */
    cardLast4: z
      .string()
      .regex(/^\d{4}$/, 'must be the last four digits')
      .optional(),
    reference: z.string().trim().min(1).max(100).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type CreatePayment = z.input<typeof CreatePaymentSchema>;

/** Applies money held on the patient's account to their invoices, oldest deposit first. */
export const ApplyCreditSchema = z
  .object({
    invoiceId: z.uuid(),
    amountMinor: PositiveMoneySchema,
  })
  .strict();

export const PaymentAllocationSchema = z.object({
  invoiceId: z.uuid(),
  invoiceNumber: z.string(),
  amountMinor: z.number().int(),
  createdAt: z.string(),
});

export const PaymentSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  patientId: z.uuid(),
  patientName: z.string(),
  method: z.enum(PAYMENT_METHODS),
  amountMinor: z.number().int(),
  tenderedMinor: z.number().int().nullable(),
  changeMinor: z.number().int().nullable(),
  cardLast4: z.string().nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  allocations: z.array(PaymentAllocationSchema),
  /** Still held on account from this payment. */
  heldMinor: z.number().int(),
  receivedByName: z.string().nullable(),
  receivedAt: z.string(),
});
export type Payment = z.infer<typeof PaymentSchema>;

/** A refund as a credit note on an invoice; shares come back in proportion to what was paid. */
export const CreateRefundSchema = z
  .object({
    invoiceId: z.uuid(),
    amountMinor: PositiveMoneySchema,
    method: z.enum(PAYMENT_METHODS),
    reason: ReasonSchema,
    reference: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const RefundSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  patientId: z.uuid(),
  invoiceId: z.uuid().nullable(),
  invoiceNumber: z.string().nullable(),
  method: z.enum(PAYMENT_METHODS),
  amountMinor: z.number().int(),
  reason: z.string(),
  reference: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type Refund = z.infer<typeof RefundSchema>;

export const PaymentListQuerySchema = z
  .object({
    patientId: z.uuid().optional(),
    invoiceId: z.uuid().optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
  })
  .strict();
export const PaymentListSchema = z.object({ items: z.array(PaymentSchema) });

/** Everything billed to a patient, in order, with the running balance; what they owe and what is held for them. */
export const PatientAccountSchema = z.object({
  patientId: z.uuid(),
  currency: z.string(),
  /** Owed on issued invoices. */
  owedMinor: z.number().int(),
  /** Held on account (deposits not yet applied or refunded). */
  creditMinor: z.number().int(),
  entries: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['invoice', 'payment', 'refund', 'void']),
      id: z.uuid(),
      number: z.string(),
      description: z.string(),
      /** What the patient owes more (invoice) or less (payment); refunds add back. */
      amountMinor: z.number().int(),
      balanceMinor: z.number().int(),
    }),
  ),
});
export type PatientAccount = z.infer<typeof PatientAccountSchema>;
