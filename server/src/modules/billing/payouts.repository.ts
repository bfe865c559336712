import { and, asc, desc, eq, gte, inArray, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/database.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';
import { invoiceLines, invoices } from './invoices.schema.ts';
import { payouts, shareEntries } from './payments.schema.ts';

/** Instants bounding a period: start included, end excluded; null leaves that side open. */
export type Bounds = { start: Date | null; end: Date | null };

function within(column: typeof shareEntries.at | typeof payouts.paidAt, b: Bounds): SQL | undefined {
  return and(b.start ? gte(column, b.start) : undefined, b.end ? lt(column, b.end) : undefined);
}

/** The doctor's share of payments less refunds, per provider, over the bounds. */
export async function earnedByProvider(
  db: Executor,
  b: Bounds,
  providerId?: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select({
      providerId: shareEntries.providerId,
      minor: sql<number>`coalesce(sum(${shareEntries.doctorMinor}), 0)::int`,
    })
    .from(shareEntries)
    .where(
      and(
        providerId ? eq(shareEntries.providerId, providerId) : isNotNull(shareEntries.providerId),
        within(shareEntries.at, b),
      ),
    )
    .groupBy(shareEntries.providerId);
  return new Map(rows.map((r) => [r.providerId as string, r.minor]));
}

/** Payouts made, per provider, over the bounds. */
export async function paidByProvider(
  db: Executor,
  b: Bounds,
  providerId?: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select({
      providerId: payouts.providerId,
      minor: sql<number>`coalesce(sum(${payouts.amountMinor}), 0)::int`,
    })
    .from(payouts)
    .where(and(providerId ? eq(payouts.providerId, providerId) : undefined, within(payouts.paidAt, b)))
    .groupBy(payouts.providerId);
  return new Map(rows.map((r) => [r.providerId, r.minor]));
}

export async function namesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function hasShareEntries(db: Executor, providerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: shareEntries.id })
    .from(shareEntries)
    .where(eq(shareEntries.providerId, providerId))
    .limit(1);
  return row !== undefined;
}

const patientName = sql<string>`concat_ws(' ', ${patients.givenName}, ${patients.middleName}, ${patients.familyName}, ${patients.suffix})`;

/** The doctor's share entries over the bounds, oldest first, with the invoice, patient and line they belong to. */
export function statementEntries(db: Executor, providerId: string, b: Bounds) {
  return db
    .select({
      at: shareEntries.at,
      refundId: shareEntries.refundId,
      invoiceId: shareEntries.invoiceId,
      invoiceNumber: invoices.number,
      patientName,
      description: invoiceLines.description,
      amountMinor: shareEntries.amountMinor,
      doctorMinor: shareEntries.doctorMinor,
    })
    .from(shareEntries)
    .innerJoin(invoices, eq(invoices.id, shareEntries.invoiceId))
    .innerJoin(patients, eq(patients.id, invoices.patientId))
    .innerJoin(invoiceLines, eq(invoiceLines.id, shareEntries.lineId))
    .where(and(eq(shareEntries.providerId, providerId), within(shareEntries.at, b)))
    .orderBy(asc(shareEntries.at), asc(invoices.number), asc(invoiceLines.position), asc(shareEntries.id))
    .limit(5000);
}
export type StatementEntryRow = Awaited<ReturnType<typeof statementEntries>>[number];

/** The doctor's share per clinic day over the bounds. */
export function dailyEarned(db: Executor, providerId: string, b: Bounds, timeZone: string) {
  const day = sql<string>`to_char(${shareEntries.at} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  return (
    db
      .select({ date: day, minor: sql<number>`sum(${shareEntries.doctorMinor})::int` })
      .from(shareEntries)
      .where(and(eq(shareEntries.providerId, providerId), within(shareEntries.at, b)))
      // By position: the time zone is a bound parameter, so the expression itself would not match the select's.
      .groupBy(sql`1`)
  );
}

export function payoutFilter(f: { providerId?: string | undefined } & Bounds): SQL | undefined {
  return and(f.providerId ? eq(payouts.providerId, f.providerId) : undefined, within(payouts.paidAt, f));
}

const providers = alias(users, 'provider');
const creators = alias(users, 'creator');

export function selectPayouts(db: Executor, where: SQL | undefined, order: 'asc' | 'desc' = 'desc') {
  const by = order === 'asc' ? asc : desc;
  return db
    .select({ payout: payouts, providerName: providers.name, createdByName: creators.name })
    .from(payouts)
    .innerJoin(providers, eq(providers.id, payouts.providerId))
    .leftJoin(creators, eq(creators.id, payouts.createdBy))
    .where(where)
    .orderBy(by(payouts.paidAt), by(payouts.id))
    .limit(500);
}
export type PayoutRow = Awaited<ReturnType<typeof selectPayouts>>[number];

export async function insertPayout(db: Executor, values: typeof payouts.$inferInsert): Promise<string> {
  const [row] = await db.insert(payouts).values(values).returning({ id: payouts.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Serialises payouts to one doctor until the transaction ends, so two cannot both spend what is owed. */
export async function lockProviderPayouts(db: Executor, providerId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`billing.payout:${providerId}`}, 0))`);
}
