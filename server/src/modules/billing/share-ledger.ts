import { type SQL, sql } from 'drizzle-orm';
import { arrayParam, type Executor, queryPrepared } from '../../platform/db/database.ts';
import { type LedgerLine, type ShareSplit, splitPayment, splitRefund } from './billing-math.ts';
import type { InvoiceRow } from './invoices.repository.ts';
import { type ShareEntryValues, shareEntriesCtes } from './share-rollups.ts';

type LedgerRow = LedgerLine & { lineId: string; providerId: string | null };

/**
 * Every line of the invoices with what it has been paid so far, net of refunds, by share, in line order per
 * invoice. Call with the invoices locked.
 */
async function ledgersOf(tx: Executor, invoiceIds: readonly string[]): Promise<Map<string, LedgerRow[]>> {
  const rows = await queryPrepared<{
    invoiceId: string;
    lineId: string;
    providerId: string | null;
    totalMinor: number;
    netMinor: number;
    doctorMinor: number;
    taxMinor: number;
    paidAmount: number;
    paidDoctor: number;
    paidClinic: number;
    paidTax: number;
  }>(
    tx,
    sql`select l.invoice_id as "invoiceId", l.id as "lineId", l.provider_id as "providerId",
               l.total_minor as "totalMinor", l.net_minor as "netMinor", l.doctor_minor as "doctorMinor",
               l.line_tax_minor as "taxMinor",
               coalesce(s.amount, 0)::int as "paidAmount", coalesce(s.doctor, 0)::int as "paidDoctor",
               coalesce(s.clinic, 0)::int as "paidClinic", coalesce(s.tax, 0)::int as "paidTax"
        from invoice_lines l
        left join lateral (
          select sum(e.amount_minor) as amount, sum(e.doctor_minor) as doctor, sum(e.clinic_minor) as clinic,
                 sum(e.tax_minor) as tax
          from share_entries e where e.line_id = l.id
        ) s on true
        where l.invoice_id = any(${arrayParam(invoiceIds, 'uuid[]')})
        order by l.invoice_id, l.position`,
  );
  const ledgers = new Map<string, LedgerRow[]>(invoiceIds.map((id) => [id, []]));
  for (const { invoiceId, paidAmount, paidDoctor, paidClinic, paidTax, ...line } of rows)
    ledgers.get(invoiceId)?.push({
      ...line,
      paid: { amountMinor: paidAmount, doctorMinor: paidDoctor, clinicMinor: paidClinic, taxMinor: paidTax },
    });
  return ledgers;
}

/** What posting money onto locked invoices writes: share entries, and each invoice's new sums and status. */
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
  parts: readonly { invoice: InvoiceRow & { version?: string }; allocationId: string; amount: number }[],
): Promise<Posting> {
  const posting: Posting = { entries: [], invoices: [], doctors: [] };
  if (parts.length === 0) return posting;
  const ledgers = await ledgersOf(
    tx,
    parts.map((p) => p.invoice.id),
  );
  for (const { invoice, allocationId, amount } of parts) {
    const ledger = ledgers.get(invoice.id) ?? [];
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
