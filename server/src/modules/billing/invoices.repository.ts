import { and, asc, desc, eq, exists, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/database.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';
import { discountKinds, invoiceLines, invoices } from './invoices.schema.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceInsert = typeof invoices.$inferInsert;
export type LineRow = typeof invoiceLines.$inferSelect;
export type LineInsert = Omit<typeof invoiceLines.$inferInsert, 'invoiceId' | 'position'>;

const creators = alias(users, 'creator');
const issuers = alias(users, 'issuer');
const voiders = alias(users, 'voider');

/** What an invoice's summary shows besides its own columns: the patient's name. */
const patientName = sql<string>`concat_ws(' ', ${patients.givenName}, ${patients.middleName}, ${patients.familyName}, ${patients.suffix})`;

/**
 * What the patient still owes on an issued invoice: total − paid. A refund is a credit note: it lowers what
 * the invoice comes to by what it gives back, so it leaves the balance as it was.
 */
export const BALANCE = sql<number>`(case when ${invoices.status} in ('issued', 'partially_paid', 'paid')
  then ${invoices.totalMinor} - ${invoices.paidMinor} else 0 end)::int`;

export type InvoiceListRow = InvoiceRow & { patientName: string; balanceMinor: number };

export async function insertInvoice(db: Executor, values: InvoiceInsert): Promise<string> {
  const [row] = await db.insert(invoices).values(values).returning({ id: invoices.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateInvoice(db: Executor, id: string, set: Partial<InvoiceInsert>): Promise<void> {
  await db
    .update(invoices)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(invoices.id, id));
}

/** The invoices' rows locked for the rest of the transaction, in id order so two lockers never deadlock. */
export async function lockInvoices(db: Executor, ids: readonly string[]): Promise<InvoiceRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(invoices)
    .where(inArray(invoices.id, [...ids]))
    .orderBy(asc(invoices.id))
    .for('update');
}

export async function findInvoiceIdByVisit(db: Executor, visitId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.visitId, visitId), sql`${invoices.status} <> 'void'`));
  return row?.id;
}

export async function findInvoiceDetail(db: Executor, id: string) {
  const [row] = await db
    .select({
      invoice: invoices,
      patientName,
      balanceMinor: BALANCE,
      createdByName: creators.name,
      issuedByName: issuers.name,
      voidedByName: voiders.name,
      discountKindName: discountKinds.nameEn,
      discountKindNameEs: discountKinds.nameEs,
    })
    .from(invoices)
    .innerJoin(patients, eq(patients.id, invoices.patientId))
    .leftJoin(creators, eq(creators.id, invoices.createdBy))
    .leftJoin(issuers, eq(issuers.id, invoices.issuedBy))
    .leftJoin(voiders, eq(voiders.id, invoices.voidedBy))
    .leftJoin(discountKinds, eq(discountKinds.id, invoices.discountKindId))
    .where(eq(invoices.id, id));
  return row;
}
export type InvoiceDetailRow = NonNullable<Awaited<ReturnType<typeof findInvoiceDetail>>>;

const providers = alias(users, 'provider');
export function findLines(db: Executor, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      line: invoiceLines,
      providerName: providers.name,
      discountKindName: discountKinds.nameEn,
    })
    .from(invoiceLines)
    .leftJoin(providers, eq(providers.id, invoiceLines.providerId))
    .leftJoin(discountKinds, eq(discountKinds.id, invoiceLines.discountKindId))
    .where(inArray(invoiceLines.invoiceId, [...invoiceIds]))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
}
export type LineDetailRow = Awaited<ReturnType<typeof findLines>>[number];

/** Replaces a draft's lines with these, in order. */
export async function replaceLines(
  db: Executor,
  invoiceId: string,
  lines: readonly LineInsert[],
): Promise<void> {
  await db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId));
  if (lines.length === 0) return;
  await db.insert(invoiceLines).values(lines.map((l, position) => ({ ...l, invoiceId, position })));
}

export type InvoiceFilter = {
  status?: InvoiceRow['status'] | undefined;
  patientId?: string | undefined;
  providerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  unpaid?: boolean | undefined;
  /** The clinic's time zone: days in `from`/`to` are its local days. */
  timeZone: string;
};

function whereOf(f: InvoiceFilter): SQL | undefined {
  const when = sql`coalesce(${invoices.issuedAt}, ${invoices.createdAt})`;
  const day = (d: string) => sql`(${d}::date::timestamp at time zone ${f.timeZone})`;
  const where: (SQL | undefined)[] = [];
  if (f.status) where.push(eq(invoices.status, f.status));
  if (f.patientId) where.push(eq(invoices.patientId, f.patientId));
  if (f.from) where.push(gte(when, day(f.from)));
  if (f.to) where.push(lt(when, sql`${day(f.to)} + interval '1 day'`));
  if (f.unpaid) where.push(sql`${BALANCE} > 0`);
  if (f.providerId)
    where.push(
      exists(
        // "invoices"."id" in full: drizzle leaves it unqualified in one-table selects (the totals).
        sql`(select 1 from invoice_lines l where l.invoice_id = "invoices"."id" and l.provider_id = ${f.providerId})`,
      ),
    );
  return and(...where);
}

export async function listInvoices(db: Executor, f: InvoiceFilter, page: { page: number; pageSize: number }) {
  const where = whereOf(f);
  const rows = await db
    .select({ invoice: invoices, patientName, balanceMinor: BALANCE })
    .from(invoices)
    .innerJoin(patients, eq(patients.id, invoices.patientId))
    .where(where)
    .orderBy(desc(sql`coalesce(${invoices.issuedAt}, ${invoices.createdAt})`), desc(invoices.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const [totals] = await db
    .select({
      count: sql<number>`count(*)::int`,
      totalMinor: sql<number>`coalesce(sum(case when ${invoices.status} in ('draft', 'void') then 0 else ${invoices.totalMinor} end), 0)::bigint`,
      paidMinor: sql<number>`coalesce(sum(${invoices.paidMinor} - ${invoices.refundedMinor}), 0)::bigint`,
      balanceMinor: sql<number>`coalesce(sum(${BALANCE}), 0)::bigint`,
    })
    .from(invoices)
    .where(where);
  return { rows, totals: totals ?? { count: 0, totalMinor: 0, paidMinor: 0, balanceMinor: 0 } };
}

export async function deleteDraft(db: Executor, id: string): Promise<void> {
  await db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, id));
  await db.delete(invoices).where(and(eq(invoices.id, id), eq(invoices.status, 'draft')));
}
