import { getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { arrayParam, type Executor, queryPrepared } from '../../platform/db/database.ts';
import { type LedgerLine, type ShareSplit, splitPayment, splitRefund } from './billing-math.ts';
import type { InvoiceRow } from './invoices.repository.ts';
import { invoices } from './invoices.schema.ts';
import { type ShareEntryValues, shareEntriesCtes } from './share-rollups.ts';

type LedgerRow = LedgerLine & { lineId: string; providerId: string | null };

/**
 * An invoice's lines (`invoiceId` the SQL of its id) with what each has been paid so far, net of refunds, by
 * share, in line order: a JSON array of LedgerRow.
 */
const ledgerJson = (invoiceId: SQL) =>
  sql`(select coalesce(json_agg(json_build_object(
          'lineId', l.id, 'providerId', l.provider_id, 'totalMinor', l.total_minor, 'netMinor', l.net_minor,
          'doctorMinor', l.doctor_minor, 'taxMinor', l.line_tax_minor,
          'paid', json_build_object('amountMinor', coalesce(s.amount, 0), 'doctorMinor', coalesce(s.doctor, 0),
                                    'clinicMinor', coalesce(s.clinic, 0), 'taxMinor', coalesce(s.tax, 0)))
          order by l.position), '[]')
        from invoice_lines l
        left join lateral (
          select sum(e.amount_minor) as amount, sum(e.doctor_minor) as doctor, sum(e.clinic_minor) as clinic,
                 sum(e.tax_minor) as tax
          from share_entries e where e.line_id = l.id
        ) s on true
        where l.invoice_id = ${invoiceId})`;

/** The ledgers of the invoices (ledgerJson), by invoice id. Call with the invoices locked. */
async function ledgersOf(tx: Executor, invoiceIds: readonly string[]): Promise<Map<string, LedgerRow[]>> {
  const rows = await queryPrepared<{ id: string; ledger: LedgerRow[] }>(
    tx,
    sql`select i.id, ${ledgerJson(sql`i.id`)} as ledger
        from unnest(${arrayParam(invoiceIds, 'uuid[]')}) i(id)`,
  );
  return new Map(rows.map((r) => [r.id, r.ledger]));
}

/** An invoice as read for a posting without locks: its row version, and its ledger read with it. */
export type InvoiceForPosting = InvoiceRow & { version: string; ledger: LedgerRow[] };

/**
 * The invoices' rows as they stand, each with its row version (xmin) and ledger, all in one snapshot, for a
 * write that checks that none has changed since (writePayment) instead of locking them.
 */
export function readInvoicesForPosting(db: Executor, ids: readonly string[]): Promise<InvoiceForPosting[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      ...getTableColumns(invoices),
      version: sql<string>`${invoices}.xmin::text`,
      ledger: sql<LedgerRow[]>`${ledgerJson(sql`${invoices.id}`)}`,
    })
    .from(invoices)
    .where(inArray(invoices.id, [...ids]));
}

/** What posting money onto invoices writes: share entries, and each invoice's new sums and status. */
export type Posting = {
  entries: ShareEntryValues[];
  /** With `version`, the row version the invoice was read at: the write changes it only if it still is. */
  invoices: (Pick<InvoiceRow, 'id' | 'paidMinor' | 'refundedMinor' | 'status'> & { version?: string })[];
  /** The doctors whose earnings moved (null for lines with no doctor). */
  doctors: (string | null)[];
};

/** The status of an issued invoice with this much paid on it; credit notes lower what is due and what was kept alike. */
function statusFor(invoice: InvoiceRow, paid: number): InvoiceRow['status'] {
  if (paid >= invoice.totalMinor) return 'paid';
  return paid > 0 ? 'partially_paid' : 'issued';
}

function entriesOf(
  invoiceId: string,
  ledger: readonly LedgerRow[],
  splits: readonly { line: number; split: ShareSplit }[],
  source: { allocationId: string } | { refundId: string },
): ShareEntryValues[] {
  return splits.map(({ line, split }) => {
    const l = ledger[line] as LedgerRow;
    return { invoiceId, lineId: l.lineId, providerId: l.providerId, ...source, ...split };
  });
}

/**
 * Plans parts of a payment on distinct invoices (locked by the caller), reading their ledgers in one query:
 * the shares of each line each part covers, and the invoices' paid sums and statuses (updated on the rows).
 */
export async function planAllocations(
  tx: Executor,
  parts: readonly {
    invoice: InvoiceRow | InvoiceForPosting;
    allocationId: string;
    amount: number;
  }[],
): Promise<Posting> {
  const posting: Posting = { entries: [], invoices: [], doctors: [] };
  if (parts.length === 0) return posting;
  // Invoices read for a posting bring their ledgers; locked ones have them read now.
  const unread = parts.filter((p) => !('ledger' in p.invoice)).map((p) => p.invoice.id);
  const ledgers = unread.length > 0 ? await ledgersOf(tx, unread) : new Map<string, LedgerRow[]>();
  for (const { invoice, allocationId, amount } of parts) {
    const ledger = ('ledger' in invoice ? invoice.ledger : ledgers.get(invoice.id)) ?? [];
    const entries = entriesOf(invoice.id, ledger, splitPayment(amount, ledger), { allocationId });
    invoice.paidMinor += amount;
    invoice.status = statusFor(invoice, invoice.paidMinor);
    posting.entries.push(...entries);
    posting.invoices.push(invoice);
    posting.doctors.push(...entries.map((e) => e.providerId));
  }
  return posting;
}

/**
 * The common table expressions that write a posting, for a statement that may write more; their text is the
 * same for any posting. `invoices_posted` returns the invoices updated: one that changed since its `version`
 * was read is left out, for the statement to notice.
 */
export function postingCtes(posting: Posting): SQL[] {
  const column = (pick: (i: Posting['invoices'][number]) => string | number | null, type: `${string}[]`) =>
    arrayParam(posting.invoices.map(pick), type);
  return [
    ...shareEntriesCtes(posting.entries),
    sql`invoices_posted as (
          update invoices i set paid_minor = v.paid, refunded_minor = v.refunded, status = v.status,
                                updated_at = now()
          from unnest(${column((i) => i.id, 'uuid[]')}, ${column((i) => i.paidMinor, 'int[]')},
                      ${column((i) => i.refundedMinor, 'int[]')}, ${column((i) => i.status, 'text[]')},
                      ${column((i) => i.version ?? null, 'text[]')})
               v(id, paid, refunded, status, version)
          where i.id = v.id and (v.version is null or i.xmin::text = v.version)
          returning i.id
        )`,
  ];
}

async function writePosting(tx: Executor, posting: Posting): Promise<void> {
  await queryPrepared(tx, sql`with ${sql.join(postingCtes(posting), sql`, `)} select 1`);
}

/**
 * Records part of a payment on an invoice (locked by the caller): the shares of each line it covers, and the
 * invoice's paid sum and status. Returns the doctors whose earnings moved.
 */
export async function postAllocation(
  tx: Executor,
  invoice: InvoiceRow,
  allocationId: string,
  amount: number,
): Promise<(string | null)[]> {
  const posting = await planAllocations(tx, [{ invoice, allocationId, amount }]);
  await writePosting(tx, posting);
  return posting.doctors;
}

/** Records a credit note on an invoice (locked by the caller): shares taken back in proportion, sums and status. */
export async function postRefund(
  tx: Executor,
  invoice: InvoiceRow,
  refundId: string,
  amount: number,
): Promise<(string | null)[]> {
  const ledger = (await ledgersOf(tx, [invoice.id])).get(invoice.id) ?? [];
  const entries = entriesOf(invoice.id, ledger, splitRefund(amount, ledger), { refundId });
  invoice.refundedMinor += amount;
  await writePosting(tx, { entries, invoices: [invoice], doctors: [] });
  return entries.map((e) => e.providerId);
}
