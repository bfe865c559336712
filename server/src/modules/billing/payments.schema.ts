import { PAYMENT_METHODS } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';
import { cashDrawers } from './cash.schema.ts';
import { invoiceLines, invoices } from './invoices.schema.ts';

/**
 * Money received from a patient (RCT-2026-000001). What is not allocated to invoices is held on the
 * patient's account as a deposit and allocated later; a payment row itself never changes.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    /** Cash only: what the patient handed over, and the change given back. */
    tenderedMinor: integer('tendered_minor'),
    changeMinor: integer('change_minor'),
    cardLast4: text('card_last4'),
    reference: text('reference'),
    note: text('note'),
    drawerId: uuid('drawer_id').references(() => cashDrawers.id),
    receivedBy: uuid('received_by').references(() => users.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_number_unique').on(t.number),
    index('payments_patient_idx').on(t.patientId, t.receivedAt),
    index('payments_received_idx').on(t.receivedAt),
    check('payments_amount_check', sql`${t.amountMinor} > 0`),
    check(
      'payments_cash_check',
      sql`(${t.method} = 'cash') = (${t.drawerId} is not null)
        and (${t.tenderedMinor} is null or ${t.tenderedMinor} = ${t.amountMinor} + ${t.changeMinor})`,
    ),
  ],
);

/** A part of a payment applied to one invoice: when it was taken, or later from the deposit it left. */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    amountMinor: integer('amount_minor').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_allocations_payment_idx').on(t.paymentId),
    index('payment_allocations_invoice_idx').on(t.invoiceId),
    check('payment_allocations_amount_check', sql`${t.amountMinor} > 0`),
  ],
);

/** A credit note (CN-2026-000001): money given back on an invoice, or from a deposit when invoice is null. */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    /** The deposit given back, for a refund of money held on account. */
    paymentId: uuid('payment_id').references(() => payments.id),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    reason: text('reason').notNull(),
    reference: text('reference'),
    drawerId: uuid('drawer_id').references(() => cashDrawers.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('refunds_number_unique').on(t.number),
    index('refunds_invoice_idx').on(t.invoiceId),
    index('refunds_patient_idx').on(t.patientId, t.createdAt),
    index('refunds_created_idx').on(t.createdAt),
    check('refunds_amount_check', sql`${t.amountMinor} > 0`),
    check('refunds_target_check', sql`(${t.invoiceId} is null) <> (${t.paymentId} is null)`),
  ],
);

/**
 * The ledger of shares: for each allocation (positive) and refund (negative), how much of one line it
 * covered and how that splits into the doctor's share, the clinic's and tax. doctor + clinic + tax = amount.
 */
export const shareEntries = pgTable(
  'share_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    lineId: uuid('line_id')
      .notNull()
      .references(() => invoiceLines.id),
    providerId: uuid('provider_id').references(() => users.id),
    allocationId: uuid('allocation_id').references(() => paymentAllocations.id),
    refundId: uuid('refund_id').references(() => refunds.id),
    amountMinor: integer('amount_minor').notNull(),
    doctorMinor: integer('doctor_minor').notNull(),
    clinicMinor: integer('clinic_minor').notNull(),
    taxMinor: integer('tax_minor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('share_entries_line_idx').on(t.lineId),
    index('share_entries_provider_idx').on(t.providerId, t.at),
    index('share_entries_at_idx').on(t.at),
    check(
      'share_entries_sum_check',
      sql`${t.amountMinor} = ${t.doctorMinor} + ${t.clinicMinor} + ${t.taxMinor}`,
    ),
    check('share_entries_source_check', sql`(${t.allocationId} is null) <> (${t.refundId} is null)`),
  ],
);

/**
 * The share ledger summed by the clinic's local day (of `at`) and doctor, kept exact in the transaction that
 * writes the entries, and rebuilt when the clinic's time zone changes (migration 0026). Reports, whose windows
 * are whole local days, read it instead of the entries.
 */
export const shareDaily = pgTable(
  'share_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    providerId: uuid('provider_id').references(() => users.id),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
    doctorMinor: bigint('doctor_minor', { mode: 'number' }).notNull().default(0),
    clinicMinor: bigint('clinic_minor', { mode: 'number' }).notNull().default(0),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull().default(0),
    entries: integer('entries').notNull().default(0),
  },
  // One row per day and doctor, the lines with no doctor included (a null would not collide with itself).
  (t) => [
    uniqueIndex('share_daily_day_provider_unique').on(
      t.day,
      sql`coalesce(${t.providerId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/**
 * The same sums by the clinic's local month (its first day) and doctor, so a report by month over years reads
 * a row per doctor and month, and share_daily only for the part-months at the window's edges.
 */
export const shareMonthly = pgTable(
  'share_monthly',
  {
    month: date('month', { mode: 'string' }).notNull(),
    providerId: uuid('provider_id').references(() => users.id),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
    doctorMinor: bigint('doctor_minor', { mode: 'number' }).notNull().default(0),
    clinicMinor: bigint('clinic_minor', { mode: 'number' }).notNull().default(0),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull().default(0),
    entries: integer('entries').notNull().default(0),
  },
  (t) => [
    uniqueIndex('share_monthly_month_provider_unique').on(
      t.month,
      sql`coalesce(${t.providerId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** Money paid out to a doctor against the shares they earned. */
export const payouts = pgTable(
  'payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => users.id),
    amountMinor: integer('amount_minor').notNull(),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    reference: text('reference'),
    note: text('note'),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    index('payouts_provider_idx').on(t.providerId, t.paidAt),
    check('payouts_amount_check', sql`${t.amountMinor} > 0`),
  ],
);
