import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/database.ts';
import { users } from '../users/users.schema.ts';
import { priceItemPrices, priceItemShares, priceItems } from './billing.schema.ts';

export type PriceItemFields = Omit<typeof priceItems.$inferInsert, 'id' | 'createdAt'>;
export type ShareKind = (typeof priceItemShares.$inferSelect)['kind'];
export type ShareValues = { kind: ShareKind; basisPoints: number | null; amountMinor: number | null };

const itemColumns = {
  id: priceItems.id,
  code: priceItems.code,
  kind: priceItems.kind,
  nameEn: priceItems.nameEn,
  nameEs: priceItems.nameEs,
  serviceId: priceItems.serviceId,
  active: priceItems.active,
  createdAt: priceItems.createdAt,
  priceMinor: priceItemPrices.priceMinor,
  taxRateBp: priceItemPrices.taxRateBp,
  validFrom: priceItemPrices.validFrom,
};
/** An item with the price period in force. */
export type PriceItemRow = {
  id: string;
  code: string;
  kind: PriceItemFields['kind'];
  nameEn: string;
  nameEs: string;
  serviceId: string | null;
  active: boolean;
  createdAt: Date;
  priceMinor: number;
  taxRateBp: number;
  validFrom: Date;
};

function selectItems(db: Executor) {
  return db
    .select(itemColumns)
    .from(priceItems)
    .innerJoin(
      priceItemPrices,
      and(eq(priceItemPrices.itemId, priceItems.id), isNull(priceItemPrices.validTo)),
    );
}

/** Escapes LIKE's wildcards so a search for "10%" means the text. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listItems(
  db: Executor,
  f: { kind?: PriceItemFields['kind'] | undefined; active?: boolean | undefined; q?: string | undefined },
): Promise<PriceItemRow[]> {
  const where: (SQL | undefined)[] = [];
  if (f.kind) where.push(eq(priceItems.kind, f.kind));
  if (f.active !== undefined) where.push(eq(priceItems.active, f.active));
  if (f.q) {
    const pattern = containing(f.q);
    where.push(
      or(
        ilike(priceItems.code, pattern),
        ilike(priceItems.nameEn, pattern),
        ilike(priceItems.nameEs, pattern),
      ),
    );
  }
  return selectItems(db)
    .where(and(...where))
    .orderBy(asc(priceItems.kind), asc(priceItems.code));
}

export async function findItem(db: Executor, id: string): Promise<PriceItemRow | undefined> {
  const [row] = await selectItems(db).where(eq(priceItems.id, id));
  return row;
}

/**
 * When this transaction's periods end and begin. A transaction's now() is when it began, which for a writer
 * that waited for the item's lock is before the period the previous writer opened; so the instant is read
 * from the clock once the lock is held, and every period this transaction ends or opens uses it.
 */
const CHANGE_AT = sql`coalesce(nullif(current_setting('carebase.price_change_at', true), '')::timestamptz, now())`;

async function markChangeInstant(db: Executor): Promise<void> {
  await db.execute(sql`select set_config('carebase.price_change_at', clock_timestamp()::text, true)`);
}

/** Takes the item's row lock: changes to one item's prices and shares happen one at a time. */
export async function lockItem(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: priceItems.id })
    .from(priceItems)
    .where(eq(priceItems.id, id))
    .for('update');
  await markChangeInstant(db);
  return rows.length > 0;
}

export async function findItemIdByCode(db: Executor, code: string): Promise<string | undefined> {
  const [row] = await db.select({ id: priceItems.id }).from(priceItems).where(eq(priceItems.code, code));
  return row?.id;
}

export async function findItemIdByService(db: Executor, serviceId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: priceItems.id })
    .from(priceItems)
    .where(eq(priceItems.serviceId, serviceId));
  return row?.id;
}

/** The active item with this id, code or billed service, if any. */
export async function activeItemIdWhere(
  db: Executor,
  by: { id: string } | { code: string } | { serviceId: string },
): Promise<string | undefined> {
  const match =
    'id' in by
      ? eq(priceItems.id, by.id)
      : 'code' in by
        ? eq(priceItems.code, by.code)
        : eq(priceItems.serviceId, by.serviceId);
  const [row] = await db
    .select({ id: priceItems.id })
    .from(priceItems)
    .where(and(match, eq(priceItems.active, true)));
  return row?.id;
}

export async function billedServiceIds(db: Executor): Promise<Set<string>> {
  const rows = await db
    .select({ id: priceItems.serviceId })
    .from(priceItems)
    .where(isNotNull(priceItems.serviceId));
  return new Set(rows.map((r) => r.id as string));
}

export async function allCodes(db: Executor): Promise<Set<string>> {
  const rows = await db.select({ code: priceItems.code }).from(priceItems);
  return new Set(rows.map((r) => r.code));
}

export async function insertItem(db: Executor, fields: PriceItemFields): Promise<string> {
  const [row] = await db.insert(priceItems).values(fields).returning({ id: priceItems.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateItem(db: Executor, id: string, fields: Partial<PriceItemFields>): Promise<void> {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await db.update(priceItems).set(set).where(eq(priceItems.id, id));
}

/** Imports run one at a time, so two of them never bill the same service twice. */
export async function lockImport(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended('billing.import_services', 0))`);
  await markChangeInstant(db);
}

// ── Price periods ────────────────────────────────────────────────────────────

/** Ends the period in force and opens the next one, both at the transaction's change instant. */
export async function replacePrice(
  db: Executor,
  p: { itemId: string; priceMinor: number; taxRateBp: number; changedBy: string | null },
): Promise<void> {
  await db
    .update(priceItemPrices)
    .set({ validTo: CHANGE_AT })
    .where(and(eq(priceItemPrices.itemId, p.itemId), isNull(priceItemPrices.validTo)));
  await db.insert(priceItemPrices).values({ ...p, validFrom: CHANGE_AT });
}

export function priceHistory(db: Executor, itemId: string) {
  return db
    .select({
      priceMinor: priceItemPrices.priceMinor,
      taxRateBp: priceItemPrices.taxRateBp,
      validFrom: priceItemPrices.validFrom,
      validTo: priceItemPrices.validTo,
      changedByName: users.name,
    })
    .from(priceItemPrices)
    .leftJoin(users, eq(users.id, priceItemPrices.changedBy))
    .where(eq(priceItemPrices.itemId, itemId))
    .orderBy(desc(priceItemPrices.validFrom), sql`${priceItemPrices.validTo} desc nulls first`);
}

// ── Share periods ────────────────────────────────────────────────────────────

function ofProvider(providerId: string | null): SQL {
  return providerId === null
    ? isNull(priceItemShares.providerId)
    : eq(priceItemShares.providerId, providerId);
}

/** The share rule in force for the item and provider (null: the default rule), if any. */
export async function currentShare(
  db: Executor,
  itemId: string,
  providerId: string | null,
): Promise<ShareValues | undefined> {
  const [row] = await db
    .select({
      kind: priceItemShares.kind,
      basisPoints: priceItemShares.basisPoints,
      amountMinor: priceItemShares.amountMinor,
    })
    .from(priceItemShares)
    .where(and(eq(priceItemShares.itemId, itemId), ofProvider(providerId), isNull(priceItemShares.validTo)));
  return row;
}

/** Ends the rule in force for the item and provider; false when there was none. */
export async function endShare(db: Executor, itemId: string, providerId: string | null): Promise<boolean> {
  const rows = await db
    .update(priceItemShares)
    .set({ validTo: CHANGE_AT })
    .where(and(eq(priceItemShares.itemId, itemId), ofProvider(providerId), isNull(priceItemShares.validTo)))
    .returning({ id: priceItemShares.id });
  return rows.length > 0;
}

export async function insertShare(
  db: Executor,
  s: ShareValues & { itemId: string; providerId: string | null; changedBy: string | null },
): Promise<void> {
  await db.insert(priceItemShares).values({ ...s, validFrom: CHANGE_AT });
}

const providers = alias(users, 'provider');
const changers = alias(users, 'changer');
const shareColumns = {
  itemId: priceItemShares.itemId,
  providerId: priceItemShares.providerId,
  providerName: providers.name,
  kind: priceItemShares.kind,
  basisPoints: priceItemShares.basisPoints,
  amountMinor: priceItemShares.amountMinor,
  validFrom: priceItemShares.validFrom,
  validTo: priceItemShares.validTo,
  changedByName: changers.name,
};

function selectShares(db: Executor) {
  return db
    .select(shareColumns)
    .from(priceItemShares)
    .leftJoin(providers, eq(providers.id, priceItemShares.providerId))
    .leftJoin(changers, eq(changers.id, priceItemShares.changedBy));
}
export type ShareRow = Awaited<ReturnType<typeof shareHistory>>[number];

/** The rules in force for these items: the default (provider null) first, then overrides by provider name. */
export function currentShares(db: Executor, itemIds: string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return selectShares(db)
    .where(and(inArray(priceItemShares.itemId, itemIds), isNull(priceItemShares.validTo)))
    .orderBy(
      sql`${priceItemShares.providerId} is not null`,
      sql`lower(${providers.name})`,
      asc(providers.id),
    );
}

export function shareHistory(db: Executor, itemId: string) {
  return selectShares(db)
    .where(eq(priceItemShares.itemId, itemId))
    .orderBy(desc(priceItemShares.validFrom), sql`${priceItemShares.validTo} desc nulls first`);
}
