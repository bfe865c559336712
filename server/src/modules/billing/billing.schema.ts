import { PRICE_ITEM_KINDS } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { services } from '../scheduling/scheduling.schema.ts';
import { users } from '../users/users.schema.ts';

/** A billable item. Its price and share rules live in periods below, so an invoice can keep the ones it used. */
export const priceItems = pgTable(
  'price_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind', { enum: PRICE_ITEM_KINDS }).notNull(),
    nameEn: text('name_en').notNull(),
    nameEs: text('name_es').notNull(),
    /** The appointment service this consultation type bills; one item per service. */
    serviceId: uuid('service_id').references(() => services.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('price_items_code_unique').on(t.code),
    uniqueIndex('price_items_service_unique').on(t.serviceId),
    check(
      'price_items_kind_check',
      sql`${t.kind} in (${sql.raw(PRICE_ITEM_KINDS.map((k) => `'${k}'`).join(', '))})`,
    ),
  ],
);

/** One period of an item's price and tax rate; valid_to null is the one in force (exactly one per item). */
export const priceItemPrices = pgTable(
  'price_item_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => priceItems.id),
    priceMinor: integer('price_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    changedBy: uuid('changed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('price_item_prices_current_unique').on(t.itemId).where(sql`${t.validTo} is null`),
    index('price_item_prices_item_idx').on(t.itemId, t.validFrom),
    check('price_item_prices_price_check', sql`${t.priceMinor} >= 0`),
    check('price_item_prices_tax_check', sql`${t.taxRateBp} between 0 and 10000`),
    check('price_item_prices_period_check', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * One period of a doctor's share of an item: provider null is the default for every doctor, a provider's
 * row overrides it. Kind 'none' records that sharing stopped; a current row per (item, provider) at most.
 */
export const priceItemShares = pgTable(
  'price_item_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => priceItems.id),
    providerId: uuid('provider_id').references(() => users.id),
    kind: text('kind', { enum: ['percent', 'fixed', 'none'] }).notNull(),
    basisPoints: integer('basis_points'),
    amountMinor: integer('amount_minor'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    changedBy: uuid('changed_by').references(() => users.id),
  },
  (t) => [
    // coalesce: the default rule (provider null) is one key too; PGlite and PostgreSQL 15 both accept it.
    uniqueIndex('price_item_shares_current_unique')
      .on(t.itemId, sql`coalesce(${t.providerId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.validTo} is null`),
    index('price_item_shares_item_idx').on(t.itemId, t.validFrom),
    check(
      'price_item_shares_amount_check',
      sql`(${t.kind} = 'percent' and ${t.basisPoints} between 0 and 10000 and ${t.amountMinor} is null)
        or (${t.kind} = 'fixed' and ${t.amountMinor} >= 0 and ${t.basisPoints} is null)
        or (${t.kind} = 'none' and ${t.amountMinor} is null and ${t.basisPoints} is null)`,
    ),
    check('price_item_shares_period_check', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);
