import type { DiscountBorneBy, DiscountValue, DoctorShare } from '@carebase/contracts';
import { fieldError } from '../../platform/errors.ts';

/**
 * The arithmetic of money, in integer minor units. Two rules of rounding, used everywhere:
 * - A rate (basis points) of an amount rounds half up to the nearest minor unit (`percentOf`).
 * - Splitting an amount into parts uses the largest-remainder method (`allocate`): each part is the floor of
 *   its exact proportional share, and the units left over go one each to the parts with the largest
 *   fractional remainders (ties: the earlier part). The parts always add up to the amount exactly, and no
 *   part exceeds its weight when the amount does not exceed the weights' sum.
 */

/** The largest total an invoice may reach: it must fit the database's 32-bit integers with room to spare. */
export const INVOICE_TOTAL_MAX_MINOR = 1_000_000_000;

export function percentOf(amountMinor: number, basisPoints: number): number {
  return Math.floor((amountMinor * basisPoints + 5000) / 10000);
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = sum(weights);
  if (total === 0) {
    if (amount === 0) return weights.map(() => 0);
    throw new RangeError('cannot split an amount over nothing');
  }
  // BigInt: amount × weight can pass 2^53 for large invoices.
  const a = BigInt(amount);
  const t = BigInt(total);
  const exact = weights.map((w) => a * BigInt(w));
  const parts = exact.map((e) => Number(e / t));
  let left = amount - sum(parts);
  const order = exact
    .map((e, i) => ({ i, rem: e % t }))
    .sort((x, y) => (x.rem === y.rem ? x.i - y.i : x.rem > y.rem ? -1 : 1));
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] = (parts[i] as number) + 1;
    left -= 1;
  }
  return parts;
}

// ── Pricing an invoice ──────────────────────────────────────────────────────

export type GrantedDiscount = { value: DiscountValue; borneBy: DiscountBorneBy };

export type LineTerms = {
  quantity: number;
  unitPriceMinor: number;
  taxRateBp: number;
  share: DoctorShare | null;
  discount: GrantedDiscount | null;
  payerMinor: number;
  /** Coverage as a share of the line's total; when set, it decides the payer's part. */
  coverageBp?: number | undefined;
};

export type PricedLine = {
  grossMinor: number;
  lineDiscountMinor: number;
  invoiceDiscountMinor: number;
  netMinor: number;
  lineTaxMinor: number;
  totalMinor: number;
  /** The doctor's part of the net amount once the line is paid in full. */
  doctorMinor: number;
  payerMinor: number;
};

export type PricedInvoice = {
  lines: PricedLine[];
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  payerMinor: number;
};

function discountOf(d: DiscountValue, base: number, path: string): number {
  const amount = d.kind === 'percent' ? percentOf(base, d.basisPoints) : d.amountMinor;
  if (amount > base) throw fieldError(path, `is more than the amount it discounts (${base} minor units)`);
  return amount;
}

/** What a discount takes from the doctor's share, by whose share the discount kind says it comes out of. */
function doctorPartOfDiscount(discount: number, borneBy: DiscountBorneBy, share: number, gross: number) {
  if (discount === 0 || borneBy === 'clinic') return 0;
  if (borneBy === 'doctor') return discount;
  return allocate(discount, [share, gross - share])[0] as number;
}

function shareOfGross(share: DoctorShare | null, quantity: number, gross: number): number {
  if (!share) return 0;
  if (share.kind === 'percent') return percentOf(gross, share.basisPoints);
  return Math.min(share.amountMinor * quantity, gross);
}

/**
 * Prices every line: gross, its own discount, its part of the invoice-wide discount (split over the lines in
 * proportion to what each comes to after its own discount), net, tax on the net, total, and the doctor's
 * part of the net. Tax is never shared: it is collected for the state and sits with the clinic.
 */
export function priceInvoice(terms: readonly LineTerms[], whole: GrantedDiscount | null): PricedInvoice {
  const first = terms.map((t, i) => {
    const gross = t.quantity * t.unitPriceMinor;
    if (gross > INVOICE_TOTAL_MAX_MINOR)
      throw fieldError(
        `body.lines.${i}.quantity`,
        `makes the line more than ${INVOICE_TOTAL_MAX_MINOR} minor units`,
      );
    const lineDiscount = t.discount ? discountOf(t.discount.value, gross, `body.lines.${i}.discount`) : 0;
    return { gross, lineDiscount };
  });
  const bases = first.map((l) => l.gross - l.lineDiscount);
  const invoiceDiscount = whole ? discountOf(whole.value, sum(bases), 'body.discount') : 0;
  const spread = allocate(invoiceDiscount, bases.some((b) => b > 0) ? bases : bases.map(() => 1));
  const lines = terms.map((t, i): PricedLine => {
    const { gross, lineDiscount } = first[i] as { gross: number; lineDiscount: number };
    const fromInvoice = spread[i] as number;
    const net = gross - lineDiscount - fromInvoice;
    const tax = percentOf(net, t.taxRateBp);
    const share = shareOfGross(t.share, t.quantity, gross);
    const doctor =
      share -
      doctorPartOfDiscount(lineDiscount, t.discount?.borneBy ?? 'clinic', share, gross) -
      doctorPartOfDiscount(fromInvoice, whole?.borneBy ?? 'clinic', share, gross);
    const total = net + tax;
    const payer = t.coverageBp === undefined ? t.payerMinor : percentOf(total, t.coverageBp);
    if (payer > total)
      throw fieldError(`body.lines.${i}.payerMinor`, `is more than the line's total (${total} minor units)`);
    return {
      grossMinor: gross,
      lineDiscountMinor: lineDiscount,
      invoiceDiscountMinor: fromInvoice,
      netMinor: net,
      lineTaxMinor: tax,
      totalMinor: total,
      doctorMinor: Math.min(Math.max(doctor, 0), net),
      payerMinor: payer,
    };
  });
  const totalMinor = sum(lines.map((l) => l.totalMinor));
  if (totalMinor > INVOICE_TOTAL_MAX_MINOR)
    throw fieldError('body.lines', `make the invoice more than ${INVOICE_TOTAL_MAX_MINOR} minor units`);
  return {
    lines,
    subtotalMinor: sum(lines.map((l) => l.grossMinor)),
    discountMinor: sum(lines.map((l) => l.lineDiscountMinor + l.invoiceDiscountMinor)),
    taxMinor: sum(lines.map((l) => l.lineTaxMinor)),
    totalMinor,
    payerMinor: sum(lines.map((l) => l.payerMinor)),
  };
}

// ── Splitting payments and refunds into shares ──────────────────────────────

/** A line as the share ledger sees it: what it will come to in full, and what is paid (net of refunds) so far. */
export type LedgerLine = {
  totalMinor: number;
  netMinor: number;
  doctorMinor: number;
  taxMinor: number;
  paid: ShareSplit;
};
export type ShareSplit = { amountMinor: number; doctorMinor: number; clinicMinor: number; taxMinor: number };

function split(amount: number, buckets: [number, number, number]): ShareSplit {
  const [doctor, clinic, tax] = allocate(amount, buckets) as [number, number, number];
  return { amountMinor: amount, doctorMinor: doctor, clinicMinor: clinic, taxMinor: tax };
}

/**
 * Splits a payment on an invoice over its lines in proportion to what each still owes, then each line's part
 * over what is still owed to the doctor, the clinic and in tax. Paid in full, every line has given exactly
 * its doctor's part, the clinic's part and its tax. Entries come back per line index; zero parts are left out.
 */
export function splitPayment(
  amount: number,
  lines: readonly LedgerLine[],
): { line: number; split: ShareSplit }[] {
  const owed = lines.map((l) => l.totalMinor - l.paid.amountMinor);
  if (amount > sum(owed)) throw new RangeError('a payment cannot be more than the invoice owes');
  return allocate(amount, owed).flatMap((part, i) => {
    if (part === 0) return [];
    const l = lines[i] as LedgerLine;
    return [
      {
        line: i,
        split: split(part, [
          l.doctorMinor - l.paid.doctorMinor,
          l.netMinor - l.doctorMinor - l.paid.clinicMinor,
          l.taxMinor - l.paid.taxMinor,
        ]),
      },
    ];
  });
}

/** A refund takes back from each line in proportion to what it has been paid, and within the line from each share alike. */
export function splitRefund(
  amount: number,
  lines: readonly LedgerLine[],
): { line: number; split: ShareSplit }[] {
  const paid = lines.map((l) => l.paid.amountMinor);
  if (amount > sum(paid)) throw new RangeError('a refund cannot be more than was paid');
  return allocate(amount, paid).flatMap((part, i) => {
    if (part === 0) return [];
    const p = (lines[i] as LedgerLine).paid;
    const s = split(part, [p.doctorMinor, p.clinicMinor, p.taxMinor]);
    return [
      {
        line: i,
        split: {
          amountMinor: -s.amountMinor,
          doctorMinor: -s.doctorMinor,
          clinicMinor: -s.clinicMinor,
          taxMinor: -s.taxMinor,
        },
      },
    ];
  });
}
