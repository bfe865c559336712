import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { type LedgerLine, type ShareSplit, splitPayment, splitRefund } from './billing-math.ts';
import type { InvoiceRow } from './invoices.repository.ts';
import { invoiceLines, invoices } from './invoices.schema.ts';
import { shareEntries } from './payments.schema.ts';
import { addToShareDaily } from './share-daily.ts';

type LedgerRow = LedgerLine & { lineId: string; providerId: string | null };

/** Every line of the invoice with what it has been paid so far, net of refunds, by share. Call with the invoice locked. */
async function ledgerOf(tx: Executor, invoiceId: string): Promise<LedgerRow[]> {
  const lines = await tx
    .select({
      lineId: invoiceLines.id,
      providerId: invoiceLines.providerId,
      totalMinor: invoiceLines.totalMinor,
      netMinor: invoiceLines.netMinor,
      doctorMinor: invoiceLines.doctorMinor,
      taxMinor: invoiceLines.lineTaxMinor,
    })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));
  const sums = await tx
    .select({
      lineId: shareEntries.lineId,
      amountMinor: sql<number>`sum(${shareEntries.amountMinor})::int`,
      doctorMinor: sql<number>`sum(${shareEntries.doctorMinor})::int`,
      clinicMinor: sql<number>`sum(${shareEntries.clinicMinor})::int`,
      taxMinor: sql<number>`sum(${shareEntries.taxMinor})::int`,
    })
    .from(shareEntries)
    .where(
      inArray(
        shareEntries.lineId,
        lines.map((l) => l.lineId),
      ),
    )
    .groupBy(shareEntries.lineId);
  const none = { amountMinor: 0, doctorMinor: 0, clinicMinor: 0, taxMinor: 0 };
  return lines.map((l) => {
    const { lineId: _, ...paid } = sums.find((s) => s.lineId === l.lineId) ?? { lineId: '', ...none };
    return { ...l, paid };
  });
}

async function insertEntries(
  tx: Executor,
  invoiceId: string,
  ledger: readonly LedgerRow[],
  entries: readonly { line: number; split: ShareSplit }[],
  source: { allocationId: string } | { refundId: string },
): Promise<(string | null)[]> {
  if (entries.length === 0) return [];
  const written = await tx
    .insert(shareEntries)
    .values(
      entries.map(({ line, split }) => {
        const l = ledger[line] as LedgerRow;
        return { invoiceId, lineId: l.lineId, providerId: l.providerId, ...source, ...split };
      }),
    )
    .returning({
      providerId: shareEntries.providerId,
      // The UTC day computed by the database: a JS Date would drop the microseconds of `at`.
      day: sql<string>`to_char(${shareEntries.at} at time zone 'UTC', 'YYYY-MM-DD')`,
      amountMinor: shareEntries.amountMinor,
      doctorMinor: shareEntries.doctorMinor,
      clinicMinor: shareEntries.clinicMinor,
      taxMinor: shareEntries.taxMinor,
    });
  await addToShareDaily(tx, written);
  return entries.map(({ line }) => (ledger[line] as LedgerRow).providerId);
}

/** The status of an issued invoice with this much paid on it; credit notes lower what is due and what was kept alike. */
function statusFor(invoice: InvoiceRow, paid: number): InvoiceRow['status'] {
  if (paid >= invoice.totalMinor) return 'paid';
  return paid > 0 ? 'partially_paid' : 'issued';
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
  const ledger = await ledgerOf(tx, invoice.id);
  const doctors = await insertEntries(tx, invoice.id, ledger, splitPayment(amount, ledger), { allocationId });
  const paidMinor = invoice.paidMinor + amount;
  await tx
    .update(invoices)
    .set({ paidMinor, status: statusFor(invoice, paidMinor), updatedAt: sql`now()` })
    .where(eq(invoices.id, invoice.id));
  invoice.paidMinor = paidMinor;
  return doctors;
}

/** Records a credit note on an invoice (locked by the caller): shares taken back in proportion, sums and status. */
export async function postRefund(
  tx: Executor,
  invoice: InvoiceRow,
  refundId: string,
  amount: number,
): Promise<(string | null)[]> {
  const ledger = await ledgerOf(tx, invoice.id);
  const doctors = await insertEntries(tx, invoice.id, ledger, splitRefund(amount, ledger), { refundId });
  const refundedMinor = invoice.refundedMinor + amount;
  await tx
    .update(invoices)
    .set({
      refundedMinor,
      updatedAt: sql`now()`,
    })
    .where(eq(invoices.id, invoice.id));
  invoice.refundedMinor = refundedMinor;
  return doctors;
}
