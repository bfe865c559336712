import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { arrayParam, type Executor, queryPrepared } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { patients } from '../patients/patients.schema.ts';
import { users } from '../users/users.schema.ts';
import { invoices } from './invoices.schema.ts';
import { paymentAllocations, payments, refunds } from './payments.schema.ts';
import { pendingNumber } from './receipt-numbers.ts';
import { type Posting, postingCtes } from './share-ledger.ts';

export type PaymentInsert = typeof payments.$inferInsert;
export type PaymentRow = typeof payments.$inferSelect;

export type NewPayment = Omit<PaymentInsert, 'number' | 'receivedAt'> & { id: string };

/**
 * Writes a payment in one statement: the payment, its allocations, the cash into the drawer, the shares and
 * invoice sums of the posting, and its audit event. It is written with a pending number, for receiptNumber
 * to number once it has committed. Returns what the row says beyond what was given: its time, and the names
 * it shows.
 */
export async function writePayment(
  tx: Executor,
  w: {
    payment: NewPayment;
    allocations: readonly { id: string; invoiceId: string; amountMinor: number }[];
    posting: Posting;
    /** auditCtes of the payment's event: `audited` says whether it was logged. */
    audit: SQL[];
    /**
     * Whether the invoices and the drawer are locked by the caller's transaction. If not, the statement
     * raises serialization_failure (isWriteConflict), writing nothing, when an invoice changed since its
     * version was read, the drawer is no longer open, or no audit chain head was free.
     */
    locked: boolean;
  },
): Promise<{
  receivedAt: Date;
  patientName: string;
  receivedByName: string | null;
  audited: boolean;
}> {
  const p = w.payment;
  const receivedBy = sql`${p.receivedBy ?? null}::uuid`;
  const drawerId = sql`${p.drawerId ?? null}::uuid`;
  // Lists go as one array parameter each, so the statement's text is the same for every payment.
  const column = (pick: (a: (typeof w.allocations)[number]) => string | number, type: `${string}[]`) =>
    arrayParam(w.allocations.map(pick), type);
  const ctes = [
    sql`payment_written as (
          insert into payments (id, number, patient_id, method, amount_minor, tendered_minor, change_minor,
                                card_last4, reference, note, drawer_id, received_by)
          values (${p.id}::uuid, ${pendingNumber(p.id)}, ${p.patientId}::uuid, ${p.method}, ${p.amountMinor}::int,
                  ${p.tenderedMinor ?? null}::int, ${p.changeMinor ?? null}::int, ${p.cardLast4 ?? null},
                  ${p.reference ?? null}, ${p.note ?? null}, ${drawerId}, ${receivedBy})
          returning received_at
        )`,
    sql`allocations_written as (
          insert into payment_allocations (id, payment_id, invoice_id, amount_minor, created_by)
          select a.id, ${p.id}::uuid, a.invoice_id, a.amount, ${receivedBy}
          from unnest(${column((a) => a.id, 'uuid[]')}, ${column((a) => a.invoiceId, 'uuid[]')},
                      ${column((a) => a.amountMinor, 'int[]')}) a(id, invoice_id, amount)
        )`,
    sql`drawer_open as (select id from cash_drawers where id = ${drawerId} and status = 'open' for share)`,
    sql`drawer_moved as (
          insert into drawer_movements (drawer_id, kind, amount_minor, payment_id, created_by)
          select ${drawerId}, 'payment', ${p.amountMinor}::int, ${p.id}::uuid, ${receivedBy}
          where ${drawerId} is not null
        )`,
    ...postingCtes(w.posting),
    ...w.audit,
  ];
  const [row] = await queryPrepared<{
    receivedAt: string;
    patientName: string;
    receivedByName: string | null;
    audited: number;
  }>(
    tx,
    sql`with ${sql.join(ctes, sql`, `)}
        select to_char(w.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "receivedAt",
               (select ${patientName} from patients where id = ${p.patientId}::uuid) as "patientName",
               (select name from users where id = ${receivedBy}) as "receivedByName",
               (select count(*)::int from audit_logged) as audited,
               carebase_expect((select count(*) from invoices_posted) = ${w.posting.invoices.length}::int
                                 and (${drawerId} is null or exists (select from drawer_open))
                                 and (${w.locked}::boolean or exists (select from audit_logged)),
                               'an invoice, the drawer or the audit chain') as checked
        from payment_written w`,
  );
  if (!row) throw new Error('the payment was not written');
  return { ...row, receivedAt: new Date(row.receivedAt), audited: row.audited === 1 };
}

export async function insertAllocation(
  db: Executor,
  values: { paymentId: string; invoiceId: string; amountMinor: number; createdBy: string | null },
): Promise<string> {
  const [row] = await db.insert(paymentAllocations).values(values).returning({ id: paymentAllocations.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** What is still held on account from each payment: its amount less what was allocated or refunded from it. */
// Spelled out in full: drizzle leaves columns unqualified in one-table selects, where a bare "id" in the
// subqueries would mean the subquery's own table.
const HELD = sql<number>`("payments"."amount_minor"
  - coalesce((select sum(a.amount_minor) from payment_allocations a where a.payment_id = "payments"."id"), 0)
  - coalesce((select sum(r.amount_minor) from refunds r where r.payment_id = "payments"."id"), 0))::int`;

/** The patient's payments with money still held on account, oldest first, locked for the transaction. */
export async function lockDeposits(db: Executor, patientId: string) {
  const rows = await db
    .select({ id: payments.id, number: payments.number })
    .from(payments)
    .where(and(eq(payments.patientId, patientId), sql`${HELD} > 0`))
    .orderBy(asc(payments.receivedAt), asc(payments.id))
    .for('update');
  if (rows.length === 0) return [];
  // Read what is held again now that the rows are ours: a concurrent allocation may have committed meanwhile.
  return db
    .select({ id: payments.id, number: payments.number, heldMinor: HELD })
    .from(payments)
    .where(
      inArray(
        payments.id,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(payments.receivedAt), asc(payments.id));
}

/** One payment's row locked for the transaction, with what it still holds on account; 404 if there is none. */
export async function lockPayment(db: Executor, id: string) {
  const [locked] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(eq(payments.id, id))
    .for('update');
  if (!locked) throw new AppError('not_found', 'There is no such payment.');
  const [row] = await db
    .select({ id: payments.id, number: payments.number, patientId: payments.patientId, heldMinor: HELD })
    .from(payments)
    .where(eq(payments.id, id));
  return row as { id: string; number: string; patientId: string; heldMinor: number };
}

export async function creditOf(db: Executor, patientId: string): Promise<number> {
  const [row] = await db
    .select({ held: sql<number>`coalesce(sum(${HELD}), 0)::int` })
    .from(payments)
    .where(eq(payments.patientId, patientId));
  return row?.held ?? 0;
}

const patientName = sql<string>`concat_ws(' ', ${patients.givenName}, ${patients.middleName}, ${patients.familyName}, ${patients.suffix})`;

export function selectPayments(db: Executor, where: SQL | undefined) {
  return db
    .select({ payment: payments, patientName, receivedByName: users.name, heldMinor: HELD })
    .from(payments)
    .innerJoin(patients, eq(patients.id, payments.patientId))
    .leftJoin(users, eq(users.id, payments.receivedBy))
    .where(where)
    .orderBy(desc(payments.receivedAt), desc(payments.id))
    .limit(500);
}
export type PaymentDetailRow = Awaited<ReturnType<typeof selectPayments>>[number];

export function allocationsOf(db: Executor, paymentIds: readonly string[]) {
  if (paymentIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      paymentId: paymentAllocations.paymentId,
      invoiceId: paymentAllocations.invoiceId,
      invoiceNumber: invoices.number,
      amountMinor: paymentAllocations.amountMinor,
      createdAt: paymentAllocations.createdAt,
    })
    .from(paymentAllocations)
    .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .where(inArray(paymentAllocations.paymentId, [...paymentIds]))
    .orderBy(asc(paymentAllocations.createdAt), asc(paymentAllocations.id));
}

export function paymentFilter(f: {
  patientId?: string | undefined;
  invoiceId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
}): SQL | undefined {
  const day = (d: string) => sql`(${d}::date::timestamp at time zone ${f.timeZone})`;
  return and(
    f.patientId ? eq(payments.patientId, f.patientId) : undefined,
    f.invoiceId
      ? sql`exists (select 1 from payment_allocations a where a.payment_id = "payments"."id" and a.invoice_id = ${f.invoiceId})`
      : undefined,
    f.from ? gte(payments.receivedAt, day(f.from)) : undefined,
    f.to ? lt(payments.receivedAt, sql`${day(f.to)} + interval '1 day'`) : undefined,
  );
}

export function selectRefunds(db: Executor, where: SQL | undefined) {
  return db
    .select({ refund: refunds, invoiceNumber: invoices.number, createdByName: users.name })
    .from(refunds)
    .leftJoin(invoices, eq(invoices.id, refunds.invoiceId))
    .leftJoin(users, eq(users.id, refunds.createdBy))
    .where(where)
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(500);
}
export type RefundDetailRow = Awaited<ReturnType<typeof selectRefunds>>[number];
