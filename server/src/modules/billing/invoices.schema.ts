import {
  CLAIM_STATUSES,
  DISCOUNT_APPLIES_TO,
  DISCOUNT_BORNE_BY,
  INVOICE_STATUSES,
  PRICE_ITEM_KINDS,
} from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appointments } from '../appointments/appointments.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { visits } from '../queue/queue.schema.ts';
import { users } from '../users/users.schema.ts';
import { priceItems } from './billing.schema.ts';

function inList(column: unknown, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

/** A kind of discount the clinic grants: how much, on what, who may grant it, and whose share it reduces. */
export const discountKinds = pgTable(
  'discount_kinds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameEn: text('name_en').notNull(),
    nameEs: text('name_es').notNull(),
    kind: text('kind', { enum: ['percent', 'amount'] }).notNull(),
    basisPoints: integer('basis_points'),
    amountMinor: integer('amount_minor'),
    appliesTo: text('applies_to', { enum: DISCOUNT_APPLIES_TO }).notNull(),
    /** Role keys whose holders may grant it; empty: anyone who may bill. */
    grantedBy: text('granted_by').array().notNull().default([]),
    reasonRequired: boolean('reason_required').notNull().default(false),
    borneBy: text('borne_by', { enum: DISCOUNT_BORNE_BY }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('discount_kinds_code_unique').on(t.code),
    check(
      'discount_kinds_value_check',
      sql`(${t.kind} = 'percent' and ${t.basisPoints} between 0 and 10000 and ${t.amountMinor} is null)
        or (${t.kind} = 'amount' and ${t.amountMinor} >= 0 and ${t.basisPoints} is null)`,
    ),
    check('discount_kinds_applies_check', inList(t.appliesTo, DISCOUNT_APPLIES_TO)),
    check('discount_kinds_borne_check', inList(t.borneBy, DISCOUNT_BORNE_BY)),
  ],
);

/** The last number handed out per series (INV, RCT, CN) and year; issuing takes the row's lock, so numbers have no gaps. */
export const billingCounters = pgTable(
  'billing_counters',
  {
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] })],
);

/**
 * An invoice. A draft is edited freely; from issue on only its status and the running paid and refunded
 * sums change (under the row's lock). Amounts are minor units; totals are kept so lists need no sums.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number'),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    status: text('status', { enum: INVOICE_STATUSES }).notNull().default('draft'),
    visitId: uuid('visit_id').references(() => visits.id),
    appointmentId: uuid('appointment_id').references(() => appointments.id),
    currency: text('currency').notNull(),
    discountKindId: uuid('discount_kind_id').references(() => discountKinds.id),
    discountBasisPoints: integer('discount_basis_points'),
    discountAmountMinor: integer('discount_amount_minor'),
    discountReason: text('discount_reason'),
    discountGrantedBy: uuid('discount_granted_by').references(() => users.id),
    subtotalMinor: integer('subtotal_minor').notNull().default(0),
    discountMinor: integer('discount_minor').notNull().default(0),
    taxMinor: integer('tax_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull().default(0),
    paidMinor: integer('paid_minor').notNull().default(0),
    refundedMinor: integer('refunded_minor').notNull().default(0),
    /** The insurer or other payer covering part of it (from the patient's record when drafted), and that part. */
    payerName: text('payer_name'),
    payerMinor: integer('payer_minor').notNull().default(0),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: uuid('issued_by').references(() => users.id),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidedBy: uuid('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [
    uniqueIndex('invoices_number_unique').on(t.number),
    // One live invoice per visit: drafting from a visit twice finds the first.
    uniqueIndex('invoices_visit_live_unique').on(t.visitId).where(sql`${t.status} <> 'void'`),
    index('invoices_patient_idx').on(t.patientId, t.createdAt),
    index('invoices_status_idx').on(t.status, t.issuedAt),
    index('invoices_issued_idx').on(t.issuedAt),
    check('invoices_status_check', inList(t.status, INVOICE_STATUSES)),
    check(
      'invoices_amounts_check',
      sql`${t.subtotalMinor} >= 0 and ${t.discountMinor} >= 0 and ${t.taxMinor} >= 0 and ${t.totalMinor} >= 0
        and ${t.paidMinor} >= 0 and ${t.refundedMinor} >= 0 and ${t.refundedMinor} <= ${t.paidMinor}
        and ${t.paidMinor} - ${t.refundedMinor} <= ${t.totalMinor}`,
    ),
    check('invoices_number_check', sql`(${t.status} = 'draft') = (${t.number} is null)`),
  ],
);

/**
 * One line: what was sold, at the price, tax rate and doctor's share in force when it was added (kept, so
 * later price changes never touch it), its discount, and the amounts that follow from them.
 */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    priceItemId: uuid('price_item_id').references(() => priceItems.id),
    kind: text('kind', { enum: PRICE_ITEM_KINDS }).notNull(),
    code: text('code').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    /** The doctor who earns the share, if any. */
    providerId: uuid('provider_id').references(() => users.id),
    shareKind: text('share_kind', { enum: ['percent', 'fixed'] }),
    shareBasisPoints: integer('share_basis_points'),
    shareAmountMinor: integer('share_amount_minor'),
    discountKindId: uuid('discount_kind_id').references(() => discountKinds.id),
    discountBasisPoints: integer('discount_basis_points'),
    discountAmountMinor: integer('discount_amount_minor'),
    discountReason: text('discount_reason'),
    discountBorneBy: text('discount_borne_by', { enum: DISCOUNT_BORNE_BY }),
    /** The invoice-wide discount's part of this line, and how that kind is borne. */
    invoiceDiscountMinor: integer('invoice_discount_minor').notNull().default(0),
    invoiceDiscountBorneBy: text('invoice_discount_borne_by', { enum: DISCOUNT_BORNE_BY }),
    grossMinor: integer('gross_minor').notNull(),
    lineDiscountMinor: integer('line_discount_minor').notNull().default(0),
    netMinor: integer('net_minor').notNull(),
    lineTaxMinor: integer('line_tax_minor').notNull(),
    totalMinor: integer('total_minor').notNull(),
    /** The doctor's part of the net amount when the line is paid in full; the rest of the net is the clinic's. */
    doctorMinor: integer('doctor_minor').notNull().default(0),
    /** The payer's part of the total (coverage); the patient owes the rest. */
    payerMinor: integer('payer_minor').notNull().default(0),
    /** Where the line came from when drafted from a visit ('appointment', 'encounter_procedure', 'dental_procedure'). */
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
  },
  (t) => [
    index('invoice_lines_invoice_idx').on(t.invoiceId, t.position),
    index('invoice_lines_provider_idx').on(t.providerId),
    check(
      'invoice_lines_amounts_check',
      sql`${t.quantity} > 0 and ${t.unitPriceMinor} >= 0 and ${t.grossMinor} = ${t.quantity} * ${t.unitPriceMinor}
        and ${t.netMinor} = ${t.grossMinor} - ${t.lineDiscountMinor} - ${t.invoiceDiscountMinor} and ${t.netMinor} >= 0
        and ${t.totalMinor} = ${t.netMinor} + ${t.lineTaxMinor} and ${t.lineTaxMinor} >= 0
        and ${t.doctorMinor} between 0 and ${t.netMinor} and ${t.payerMinor} between 0 and ${t.totalMinor}`,
    ),
  ],
);

/** The claim to the payer for an invoice's payer part: its status and amounts, kept current (history is in the audit). */
export const invoiceClaims = pgTable(
  'invoice_claims',
  {
    invoiceId: uuid('invoice_id')
      .primaryKey()
      .references(() => invoices.id),
    payerName: text('payer_name').notNull(),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('draft'),
    claimedMinor: integer('claimed_minor').notNull(),
    approvedMinor: integer('approved_minor'),
    paidMinor: integer('paid_minor').notNull().default(0),
    reference: text('reference'),
    note: text('note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invoice_claims_status_idx').on(t.status),
    check('invoice_claims_status_check', inList(t.status, CLAIM_STATUSES)),
  ],
);
