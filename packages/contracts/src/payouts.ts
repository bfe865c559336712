import { z } from 'zod';
import { MoneySchema } from './billing.ts';
import { IsoDateSchema } from './common.ts';
import { PAYMENT_METHODS } from './payments.ts';
import { LANGUAGES } from './settings.ts';

/** A period of clinic days, both ends included; either end may be left open. */
export const PayoutPeriodQuerySchema = z
  .object({
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
  })
  .strict();

/** Money paid out to a doctor; never more than they are still owed (409 naming the outstanding amount). */
export const CreatePayoutSchema = z
  .object({
    providerId: z.uuid(),
    amountMinor: MoneySchema.refine((n) => n > 0, 'must be more than zero'),
    method: z.enum(PAYMENT_METHODS),
    reference: z.string().trim().min(1).max(100).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type CreatePayout = z.input<typeof CreatePayoutSchema>;

export const PayoutSchema = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  providerName: z.string(),
  amountMinor: z.number().int(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  paidAt: z.string(),
  createdByName: z.string().nullable(),
});
export type Payout = z.infer<typeof PayoutSchema>;

export const PayoutListQuerySchema = PayoutPeriodQuerySchema.extend({
  providerId: z.uuid().optional(),
}).strict();
export const PayoutListSchema = z.object({ items: z.array(PayoutSchema) });

/** One doctor's money: earned and paid out in the period, and what is owed to them over all time. */
export const DoctorBalanceSchema = z.object({
  providerId: z.uuid(),
  providerName: z.string(),
  /** Shares of payments in the period, less shares taken back by refunds in it. */
  earnedMinor: z.number().int(),
  paidMinor: z.number().int(),
  /** All shares ever earned less all payouts ever made. */
  outstandingMinor: z.number().int(),
});
export type DoctorBalance = z.infer<typeof DoctorBalanceSchema>;

export const PayoutBalancesSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  currency: z.string(),
  items: z.array(DoctorBalanceSchema),
  totals: z.object({
    earnedMinor: z.number().int(),
    paidMinor: z.number().int(),
    outstandingMinor: z.number().int(),
  }),
});
export type PayoutBalances = z.infer<typeof PayoutBalancesSchema>;

/** The PDF speaks the clinic's default language unless another is asked for. */
export const StatementPdfQuerySchema = PayoutPeriodQuerySchema.extend({
  lang: z.enum(LANGUAGES).optional(),
}).strict();

export const ProviderParamsSchema = z.object({ providerId: z.uuid() }).strict();

/** One share of one invoice line: positive for a payment, negative for a refund. */
export const StatementEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['payment', 'refund']),
  invoiceId: z.uuid(),
  invoiceNumber: z.string().nullable(),
  patientName: z.string(),
  description: z.string(),
  /** What this payment or refund moved on the line. */
  amountMinor: z.number().int(),
  doctorMinor: z.number().int(),
});
export type StatementEntry = z.infer<typeof StatementEntrySchema>;

/** A doctor's statement; closing = opening + earned − paid, and closing is what they are owed at its end. */
export const DoctorStatementSchema = z.object({
  providerId: z.uuid(),
  providerName: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  currency: z.string(),
  openingMinor: z.number().int(),
  earnedMinor: z.number().int(),
  paidMinor: z.number().int(),
  closingMinor: z.number().int(),
  entries: z.array(StatementEntrySchema),
  payouts: z.array(PayoutSchema),
});
export type DoctorStatement = z.infer<typeof DoctorStatementSchema>;

/** The signed-in doctor's own earnings: this month unless a period is asked for. */
export const MyEarningsSchema = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  earnedMinor: z.number().int(),
  paidMinor: z.number().int(),
  outstandingMinor: z.number().int(),
  days: z.array(z.object({ date: z.string(), earnedMinor: z.number().int() })),
});
export type MyEarnings = z.infer<typeof MyEarningsSchema>;
