import { z } from 'zod';
import { IsoDateSchema } from './common.ts';
import { PAYMENT_METHODS } from './payments.ts';

/** The revenue reports, each at GET /api/billing/reports/<name>. */
export const BILLING_REPORTS = [
  'revenue',
  'doctors',
  'services',
  'methods',
  'payers',
  'ageing',
  'discounts',
  'refunds',
  'tax',
] as const;
export type BillingReportName = (typeof BILLING_REPORTS)[number];

export const REPORT_GROUPINGS = ['day', 'week', 'month'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** The longest period one report covers. */
export const REPORT_MAX_YEARS = 3;
/** The most rows a list report (refunds, ageing) returns; its total still counts every row. */
export const REPORT_MAX_ROWS = 5000;

/**
 * A report's period: clinic-local days, both inclusive. Weeks start on Monday; a period row is named by its
 * first day. format=csv and format=pdf download the same figures; lang picks the PDF's and CSV's words.
 */
export const BillingReportQuerySchema = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    groupBy: z.enum(REPORT_GROUPINGS).default('month'),
    format: z.enum(['json', 'csv', 'pdf']).default('json'),
    lang: z.enum(['en', 'es']).default('en'),
  })
  .strict();
export type BillingReportQuery = z.infer<typeof BillingReportQuerySchema>;

const minor = z.number().int();
const MethodAmountsSchema = z.object(
  Object.fromEntries(PAYMENT_METHODS.map((m) => [m, minor])) as Record<
    (typeof PAYMENT_METHODS)[number],
    typeof minor
  >,
);
export type MethodAmounts = z.infer<typeof MethodAmountsSchema>;

const header = {
  from: IsoDateSchema,
  to: IsoDateSchema,
  currency: z.string(),
};

/** Money received in each period less refunds given back in it, in all and by method (net of refunds). */
export const RevenueRowSchema = z.object({
  period: IsoDateSchema,
  receivedMinor: minor,
  refundedMinor: minor,
  netMinor: minor,
  byMethod: MethodAmountsSchema,
});
export const RevenueReportSchema = z.object({
  ...header,
  groupBy: z.enum(REPORT_GROUPINGS),
  rows: z.array(RevenueRowSchema),
  total: RevenueRowSchema.omit({ period: true }),
});
export type RevenueReport = z.infer<typeof RevenueReportSchema>;

const SharesSchema = z.object({
  amountMinor: minor,
  doctorMinor: minor,
  clinicMinor: minor,
  taxMinor: minor,
});

/** The share ledger by period and doctor: what was collected on their lines (less refunds) and how it splits. */
export const DoctorRevenueRowSchema = SharesSchema.extend({
  period: IsoDateSchema,
  providerId: z.uuid().nullable(),
  providerName: z.string().nullable(),
});
export const DoctorRevenueReportSchema = z.object({
  ...header,
  groupBy: z.enum(REPORT_GROUPINGS),
  rows: z.array(DoctorRevenueRowSchema),
  total: SharesSchema,
});
export type DoctorRevenueReport = z.infer<typeof DoctorRevenueReportSchema>;

export const ServiceRevenueRowSchema = SharesSchema.extend({
  code: z.string(),
  description: z.string(),
  kind: z.string(),
});
export const ServiceRevenueReportSchema = z.object({
  ...header,
  rows: z.array(ServiceRevenueRowSchema),
  total: SharesSchema,
});
export type ServiceRevenueReport = z.infer<typeof ServiceRevenueReportSchema>;

const FlowSchema = z.object({
  count: z.number().int(),
  receivedMinor: minor,
  refundedMinor: minor,
  netMinor: minor,
});
export const MethodReportSchema = z.object({
  ...header,
  rows: z.array(FlowSchema.extend({ method: z.enum(PAYMENT_METHODS) })),
  total: FlowSchema,
});
export type MethodReport = z.infer<typeof MethodReportSchema>;

/** Collected on invoices by who pays them: an insurer or other payer by name, null for self-pay. */
export const PayerReportSchema = z.object({
  ...header,
  rows: z.array(SharesSchema.extend({ payerName: z.string().nullable(), invoices: z.number().int() })),
  total: SharesSchema.extend({ invoices: z.number().int() }),
});
export type PayerReport = z.infer<typeof PayerReportSchema>;

const AgeingSchema = z.object({
  days0to30Minor: minor,
  days31to60Minor: minor,
  days61to90Minor: minor,
  over90Minor: minor,
  balanceMinor: minor,
});
/** What patients owe on invoices issued by `to`, by days since issue at `to`. */
export const AgeingReportSchema = z.object({
  asOf: IsoDateSchema,
  currency: z.string(),
  rows: z.array(
    AgeingSchema.extend({
      patientId: z.uuid(),
      patientName: z.string(),
      mrn: z.string(),
      invoices: z.number().int(),
    }),
  ),
  total: AgeingSchema.extend({ invoices: z.number().int(), patients: z.number().int() }),
});
export type AgeingReport = z.infer<typeof AgeingReportSchema>;

/** Discounts on invoices issued in the period (void ones left out), by kind and by who granted them. */
export const DiscountReportSchema = z.object({
  ...header,
  rows: z.array(
    z.object({
      scope: z.enum(['line', 'invoice']),
      kindId: z.uuid().nullable(),
      kindCode: z.string().nullable(),
      kindNameEn: z.string().nullable(),
      kindNameEs: z.string().nullable(),
      grantedById: z.uuid().nullable(),
      grantedByName: z.string().nullable(),
      invoices: z.number().int(),
      amountMinor: minor,
    }),
  ),
  total: z.object({ invoices: z.number().int(), amountMinor: minor }),
});
export type DiscountReport = z.infer<typeof DiscountReportSchema>;

export const RefundReportSchema = z.object({
  ...header,
  rows: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      createdAt: z.string(),
      invoiceNumber: z.string().nullable(),
      patientName: z.string(),
      method: z.enum(PAYMENT_METHODS),
      amountMinor: minor,
      reason: z.string(),
    }),
  ),
  total: z.object({ count: z.number().int(), amountMinor: minor }),
});
export type RefundReport = z.infer<typeof RefundReportSchema>;

/** Tax in what was collected (less refunds) by the line's rate, with the amount it was collected on. */
export const TaxReportSchema = z.object({
  ...header,
  rows: z.array(z.object({ taxRateBp: z.number().int(), baseMinor: minor, taxMinor: minor })),
  total: z.object({ baseMinor: minor, taxMinor: minor }),
});
export type TaxReport = z.infer<typeof TaxReportSchema>;

export const BILLING_REPORT_SCHEMAS = {
  revenue: RevenueReportSchema,
  doctors: DoctorRevenueReportSchema,
  services: ServiceRevenueReportSchema,
  methods: MethodReportSchema,
  payers: PayerReportSchema,
  ageing: AgeingReportSchema,
  discounts: DiscountReportSchema,
  refunds: RefundReportSchema,
  tax: TaxReportSchema,
} as const satisfies Record<BillingReportName, z.ZodType>;

export type BillingReports = { [K in BillingReportName]: z.infer<(typeof BILLING_REPORT_SCHEMAS)[K]> };
