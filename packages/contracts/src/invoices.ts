import { z } from 'zod';
import { BasisPointsSchema, MoneySchema, PRICE_ITEM_KINDS } from './billing.ts';
import { IsoDateSchema, PageQuerySchema, pageOf, requireChange } from './common.ts';
import { DISCOUNT_BORNE_BY, DiscountValueSchema } from './discounts.ts';

export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const CLAIM_STATUSES = ['draft', 'submitted', 'approved', 'partially_paid', 'paid', 'denied'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

const ReasonSchema = z.string().trim().min(1, 'is required').max(500);

/** A discount granted on a line or on the whole invoice: a kind the clinic set up, its value, and why. */
export const GrantDiscountSchema = z
  .object({
    kindId: z.uuid(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type GrantDiscount = z.infer<typeof GrantDiscountSchema>;

export const InvoiceLineInputSchema = z
  .object({
    priceItemId: z.uuid(),
    quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000),
    /** The doctor who earns the share; null: the line is all the clinic's. */
    providerId: z.uuid().nullable().default(null),
    discount: GrantDiscountSchema.nullable().default(null),
    /** The payer's part of this line (coverage), as an amount; at most the line's total. */
    payerMinor: MoneySchema.default(0),
    /** Or as a share of the line's total (basis points), which sets payerMinor. */
    coverageBasisPoints: BasisPointsSchema.optional(),
  })
  .strict();
export type InvoiceLineInput = z.input<typeof InvoiceLineInputSchema>;

export const CreateInvoiceSchema = z
  .object({
    patientId: z.uuid(),
    lines: z.array(InvoiceLineInputSchema).max(200).default([]),
    discount: GrantDiscountSchema.nullable().default(null),
    notes: z.string().trim().max(2000).nullable().default(null),
  })
  .strict();
export type CreateInvoice = z.input<typeof CreateInvoiceSchema>;

/** Draft from a visit (its appointment's consultation, procedures and dental work done in it) or an appointment. */
export const DraftFromVisitSchema = z
  .object({ visitId: z.uuid().optional(), appointmentId: z.uuid().optional() })
  .strict()
  .refine((b) => (b.visitId === undefined) !== (b.appointmentId === undefined), {
    message: 'give either visitId or appointmentId',
  });

/** Replaces the draft's lines, discount or notes; only drafts change. */
export const UpdateInvoiceSchema = requireChange(
  z
    .object({
      lines: z.array(InvoiceLineInputSchema).max(200),
      discount: GrantDiscountSchema.nullable(),
      notes: z.string().trim().max(2000).nullable(),
    })
    .partial()
    .strict(),
);

export const VoidInvoiceSchema = z.object({ reason: ReasonSchema }).strict();

export const InvoiceDiscountSchema = z.object({
  kindId: z.uuid(),
  kindName: z.string(),
  value: DiscountValueSchema,
  reason: z.string().nullable(),
  borneBy: z.enum(DISCOUNT_BORNE_BY),
});

export const InvoiceLineSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  priceItemId: z.uuid().nullable(),
  kind: z.enum(PRICE_ITEM_KINDS),
  code: z.string(),
  description: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  taxRateBasisPoints: z.number().int(),
  providerId: z.uuid().nullable(),
  providerName: z.string().nullable(),
  discount: InvoiceDiscountSchema.nullable(),
  grossMinor: z.number().int(),
  lineDiscountMinor: z.number().int(),
  invoiceDiscountMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  doctorMinor: z.number().int(),
  payerMinor: z.number().int(),
  sourceType: z.string().nullable(),
});
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

export const InvoiceSummarySchema = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  patientId: z.uuid(),
  patientName: z.string(),
  currency: z.string(),
  totalMinor: z.number().int(),
  paidMinor: z.number().int(),
  refundedMinor: z.number().int(),
  /** What is still owed: total − paid + refunded, for an issued invoice; 0 for drafts and voids. */
  balanceMinor: z.number().int(),
  payerMinor: z.number().int(),
  visitId: z.uuid().nullable(),
  createdAt: z.string(),
  issuedAt: z.string().nullable(),
});
export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;

export const InvoiceSchema = InvoiceSummarySchema.extend({
  appointmentId: z.uuid().nullable(),
  lines: z.array(InvoiceLineSchema),
  discount: InvoiceDiscountSchema.nullable(),
  subtotalMinor: z.number().int(),
  discountMinor: z.number().int(),
  taxMinor: z.number().int(),
  payerName: z.string().nullable(),
  notes: z.string().nullable(),
  createdByName: z.string().nullable(),
  issuedByName: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type Invoice = z.infer<typeof InvoiceSchema>;

/** A drafted invoice, and what the visit had that the price list could not price (left for the cashier). */
export const DraftedInvoiceSchema = z.object({
  invoice: InvoiceSchema,
  unpriced: z.array(z.object({ sourceType: z.string(), description: z.string() })),
});

export const InvoiceListQuerySchema = PageQuerySchema.extend({
  status: z.enum(INVOICE_STATUSES).optional(),
  patientId: z.uuid().optional(),
  providerId: z.uuid().optional(),
  /** Issued (or, for drafts, created) on or after / before these days. */
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  /** Only invoices with something still owed. */
  unpaid: z.enum(['true', 'false']).optional(),
}).strict();

export const InvoicePageSchema = pageOf(InvoiceSummarySchema).extend({
  /** Sums over every match, not just this page. */
  totals: z.object({
    totalMinor: z.number().int(),
    paidMinor: z.number().int(),
    balanceMinor: z.number().int(),
  }),
});

/** The language of a printed document; the clinic's by default. */
export const DocumentLanguageSchema = z.object({ lang: z.enum(['en', 'es']).optional() }).strict();
export const ReceiptQuerySchema = DocumentLanguageSchema.extend({
  format: z.enum(['a4', '80mm']).default('a4'),
}).strict();
/** A document queued to the patient's email address. */
export const EmailedSchema = z.object({ to: z.string() });

/** The claim to the payer for an invoice's payer part. */
export const ClaimSchema = z.object({
  invoiceId: z.uuid(),
  payerName: z.string(),
  status: z.enum(CLAIM_STATUSES),
  claimedMinor: z.number().int(),
  approvedMinor: z.number().int().nullable(),
  paidMinor: z.number().int(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type Claim = z.infer<typeof ClaimSchema>;

/** Moves a claim on: submitted → approved (with the amount) or denied → partially paid → paid. */
export const UpdateClaimSchema = z
  .object({
    status: z.enum(CLAIM_STATUSES),
    approvedMinor: MoneySchema.optional(),
    paidMinor: MoneySchema.optional(),
    reference: z.string().trim().min(1).max(100).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export const CLAIM_TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  draft: ['submitted'],
  submitted: ['approved', 'denied'],
  approved: ['partially_paid', 'paid'],
  partially_paid: ['partially_paid', 'paid'],
  paid: [],
  denied: [],
};
