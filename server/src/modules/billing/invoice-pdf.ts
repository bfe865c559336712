import type { Invoice, Payment, Refund } from '@carebase/contracts';
import type { Letterhead } from '../../platform/pdf/letterhead.ts';
import { createPdf, PDF_COLORS, type PdfBuilder } from '../../platform/pdf/pdf-document.ts';
import {
  formatDateTime,
  formatDay,
  formatMoney,
  type PdfLanguage,
  pdfSafe,
} from '../../platform/pdf/pdf-text.ts';
import {
  drawSummary,
  formatRate,
  methodLabel,
  type SummaryRow,
  VOID_RED,
  watermarkPages,
} from './billing-pdf-parts.ts';
import { BILLING_PDF_WORDS } from './billing-pdf-words.ts';

export type InvoicePdfInput = {
  invoice: Invoice;
  patient: { name: string; identifier?: string | null; address?: string | null };
  payments: Payment[];
  refunds: Refund[];
  letterhead: Letterhead;
  lang: PdfLanguage;
  timeZone: string;
  currency: string;
};

/** Tax grouped by rate: what each rate was charged on (net of discounts) and how much it came to. */
export function taxByRate(
  lines: Invoice['lines'],
): { basisPoints: number; baseMinor: number; taxMinor: number }[] {
  const groups = new Map<number, { basisPoints: number; baseMinor: number; taxMinor: number }>();
  for (const l of lines) {
    const g = groups.get(l.taxRateBasisPoints) ?? {
      basisPoints: l.taxRateBasisPoints,
      baseMinor: 0,
      taxMinor: 0,
    };
    g.baseMinor += l.netMinor;
    g.taxMinor += l.taxMinor;
    groups.set(l.taxRateBasisPoints, g);
  }
  return [...groups.values()].sort((a, b) => b.basisPoints - a.basisPoints);
}

function voidBanner(pdf: PdfBuilder, input: InvoicePdfInput): void {
  const { doc, left, width } = pdf;
  const { invoice: inv, lang, timeZone } = input;
  const w = BILLING_PDF_WORDS[lang];
  const when = inv.voidedAt ? formatDateTime(new Date(inv.voidedAt), timeZone, lang) : '—';
  const detail = `${w.reason}: ${inv.voidReason ?? '—'}\n${w.voidedOn(when, inv.voidedByName)}`;
  const markWidth = doc.font('Helvetica-Bold').fontSize(20).widthOfString(w.voidMark) + 28;
  doc.font('Helvetica').fontSize(9.5);
  const height = doc.heightOfString(pdfSafe(detail), { width: width - markWidth - 10 }) + 18;
  pdf.ensureSpace(height + 10);
  const y = doc.y;
  doc.roundedRect(left, y, width, height, 4).lineWidth(1.5).strokeColor(VOID_RED).stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor(VOID_RED)
    .text(w.voidMark, left + 14, y + height / 2 - 8, {
      lineBreak: false,
    });
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor(PDF_COLORS.ink)
    .text(pdfSafe(detail), left + markWidth, y + 9, { width: width - markWidth - 10 });
  doc.x = left;
  doc.y = y + height + 12;
}

/** The invoice on A4: letterhead, patient, lines, totals with tax by rate, payments and credit notes. */
export async function invoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { invoice: inv, patient, lang, timeZone, currency } = input;
  const w = BILLING_PDF_WORDS[lang];
  const money = (minor: number) => formatMoney(minor, currency, lang);
  const day = (iso: string) => formatDay(new Date(iso), timeZone, lang);
  const draft = inv.status === 'draft';
  const title = draft || !inv.number ? w.draftTitle : `${w.invoice} ${inv.number}`;
  const pdf = createPdf({ title, letterhead: input.letterhead, lang });

  pdf.title(title);
  if (inv.status === 'void') voidBanner(pdf, input);
  pdf.keyValues(
    [
      { label: w.billTo, value: patient.name },
      { label: w.patientId, value: patient.identifier ?? '' },
      { label: w.address, value: patient.address ?? '' },
      draft || !inv.issuedAt
        ? { label: w.createdOn, value: day(inv.createdAt) }
        : { label: w.issuedOn, value: day(inv.issuedAt) },
      { label: w.status, value: w.statuses[inv.status] },
      { label: w.payer, value: inv.payerName ?? '' },
    ],
    3,
  );

  pdf.space(4);
  pdf.table({
    columns: [
      { header: w.code, width: 1.1 },
      { header: w.description, width: 3.05 },
      { header: w.qty, width: 0.6, align: 'right' },
      { header: w.unitPrice, width: 1.35, align: 'right' },
      { header: w.discount, width: 1.2, align: 'right' },
      { header: w.taxRate, width: 1, align: 'right' },
      { header: w.amount, width: 1.4, align: 'right' },
    ],
    rows: inv.lines.map((l) => [
      l.code,
      [l.description, l.providerName, l.discount && `${w.discount}: ${l.discount.kindName}`]
        .filter(Boolean)
        .join('\n'),
      String(l.quantity),
      money(l.unitPriceMinor),
      l.lineDiscountMinor ? money(-l.lineDiscountMinor) : '—',
      formatRate(l.taxRateBasisPoints, lang),
      money(l.grossMinor),
    ]),
    empty: w.noLines,
  });

  const rows: SummaryRow[] = [{ label: w.subtotal, value: money(inv.subtotalMinor) }];
  if (inv.discountMinor) {
    rows.push({ label: w.discounts, value: money(-inv.discountMinor) });
    const onInvoice = inv.lines.reduce((s, l) => s + l.invoiceDiscountMinor, 0);
    if (inv.discount && onInvoice) {
      const v = inv.discount.value;
      const rate = v.kind === 'percent' ? ` (${formatRate(v.basisPoints, lang)})` : '';
      rows.push({
        label: w.invoiceDiscount(`${inv.discount.kindName}${rate}`),
        value: money(-onInvoice),
        style: 'muted',
      });
    }
  }
  const taxes = taxByRate(inv.lines);
  if (inv.taxMinor === 0 && taxes.every((t) => t.basisPoints === 0)) {
    rows.push({ label: w.tax, value: money(0) });
  } else {
    for (const t of taxes) {
      rows.push({
        label: w.taxOn(formatRate(t.basisPoints, lang), money(t.baseMinor)),
        value: money(t.taxMinor),
      });
    }
  }
  rows.push({ label: w.total, value: money(inv.totalMinor), style: 'total' });
  if (inv.payerMinor > 0) {
    rows.push({ label: w.payerPart(inv.payerName ?? w.payer), value: money(inv.payerMinor) });
    rows.push({ label: w.patientPart, value: money(inv.totalMinor - inv.payerMinor) });
  }
  if (!draft && inv.status !== 'void') {
    rows.push({ label: w.paid, value: money(inv.paidMinor) });
    if (inv.refundedMinor) rows.push({ label: w.refunded, value: money(inv.refundedMinor) });
    rows.push({ label: w.balanceDue, value: money(inv.balanceMinor), style: 'balance' });
  }
  drawSummary(pdf, rows);

  if (inv.notes) {
    pdf.heading(w.notes);
    pdf.paragraph(inv.notes, { size: 9.5 });
  }
  if (!draft) {
    const paidHere = input.payments.flatMap((p) =>
      p.allocations.filter((a) => a.invoiceId === inv.id).map((a) => ({ p, a })),
    );
    pdf.heading(w.payments);
    pdf.table({
      columns: [
        { header: w.date, width: 1.6 },
        { header: w.receiptNo, width: 1.5 },
        { header: w.method, width: 2 },
        { header: w.amount, width: 1.2, align: 'right' },
      ],
      rows: paidHere.map(({ p, a }) => [
        formatDateTime(new Date(a.createdAt), timeZone, lang),
        p.number,
        methodLabel(p, lang),
        money(a.amountMinor),
      ]),
      empty: w.noPayments,
    });
  }
  const credits = input.refunds.filter((r) => r.invoiceId === inv.id);
  if (credits.length) {
    pdf.heading(w.creditNotes);
    pdf.table({
      columns: [
        { header: w.date, width: 1.6 },
        { header: w.creditNoteNo, width: 1.5 },
        { header: w.method, width: 1.1 },
        { header: w.reason, width: 1.9 },
        { header: w.amount, width: 1.2, align: 'right' },
      ],
      rows: credits.map((r) => [
        formatDateTime(new Date(r.createdAt), timeZone, lang),
        r.number,
        w.methods[r.method],
        r.reason,
        money(r.amountMinor),
      ]),
    });
  }
  if (inv.status === 'void') watermarkPages(pdf, w.voidMark, VOID_RED);
  else if (draft) watermarkPages(pdf, w.draftMark, PDF_COLORS.muted);
  return pdf.finish();
}
