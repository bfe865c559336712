import { DRAWER_MOVEMENT_KINDS } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../users/users.schema.ts';

/** One cashier's cash drawer for one business day. Closed, it is read-only until a supervisor reopens it. */
export const cashDrawers = pgTable(
  'cash_drawers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cashierId: uuid('cashier_id')
      .notNull()
      .references(() => users.id),
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    openingFloatMinor: integer('opening_float_minor').notNull(),
    /** At close: the count by denomination ({ "10000": 3 } is three notes of 100.00), its sum and the difference from expected. */
    counts: jsonb('counts').$type<Record<string, number>>(),
    countedMinor: integer('counted_minor'),
    expectedMinor: integer('expected_minor'),
    differenceMinor: integer('difference_minor'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('cash_drawers_cashier_day_unique').on(t.cashierId, t.businessDay),
    index('cash_drawers_status_idx').on(t.status),
    check('cash_drawers_float_check', sql`${t.openingFloatMinor} >= 0`),
  ],
);

/** Cash in (payments) and out (change is netted in the payment; refunds, paid-outs), and reopenings, in order. */
export const drawerMovements = pgTable(
  'drawer_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    drawerId: uuid('drawer_id')
      .notNull()
      .references(() => cashDrawers.id),
    kind: text('kind', { enum: DRAWER_MOVEMENT_KINDS }).notNull(),
    /** Signed: into the drawer positive, out negative; zero for a reopening. */
    amountMinor: integer('amount_minor').notNull(),
    paymentId: uuid('payment_id'),
    refundId: uuid('refund_id'),
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('drawer_movements_drawer_idx').on(t.drawerId, t.createdAt)],
);
