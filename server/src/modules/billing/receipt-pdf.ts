import type { Invoice, Payment } from '@carebase/contracts';
import type { Letterhead } from '../../platform/pdf/letterhead.ts';
import { createPdf } from '../../platform/pdf/pdf-document.ts';
import { formatDateTime, formatMoney, type PdfLanguage, pdfSafe } from '../../platform/pdf/pdf-text.ts';
import { renderSlip } from '../../platform/pdf/slip-document.ts';
import { drawSummary, methodLabel, type SummaryRow } from './billing-pdf-parts.ts';
import { BILLING_PDF_WORDS } from './billing-pdf-words.ts';

export type ReceiptPdfInput = {
  payment: Payment;
  /** The invoices the payment settled, as they stand now: their balance is printed as the balance after. */
  invoices: Invoice[];
  letterhead: Letterhead;
  lang: PdfLanguage;
  timeZone: string;
  currency: string;
  format: 'a4' | '80mm';
};

type Pair = { label: string; value: string };

/** What both formats print, in the order they print it. */
function receiptFacts(input: ReceiptPdfInput) {
  const { payment: p, lang, currency } = input;
  const w = BILLING_PDF_WORDS[lang];
  const money = (minor: number) => formatMoney(minor, currency, lang);
  const header: Pair[] = [
    { label: w.receivedOn, value: formatDateTime(new Date(p.receivedAt), input.timeZone, lang) },
    { label: w.patient, value: p.patientName },
    { label: w.method, value: methodLabel(p, lang) },
  ];
  if (p.reference) header.push({ label: w.reference, value: p.reference });
  if (p.receivedByName) header.push({ label: w.receivedBy, value: p.receivedByName });
  const settled = p.allocations.map((a) => {
    const balance = input.invoices.find((i) => i.id === a.invoiceId)?.balanceMinor;
    return {
      number: a.invoiceNumber,
      applied: money(a.amountMinor),
      after: balance === undefined ? '—' : money(balance),
    };
  });
  const cash: Pair[] = [];
  if (p.method === 'cash' && p.tenderedMinor !== null) {
    cash.push({ label: w.tendered, value: money(p.tenderedMinor) });
    cash.push({ label: w.change, value: money(p.changeMinor ?? p.tenderedMinor - p.amountMinor) });
  }
  const held = p.heldMinor > 0 ? { label: w.heldOnAccount, value: money(p.heldMinor) } : null;
  return { w, title: `${w.receipt} ${p.number}`, header, settled, total: money(p.amountMinor), cash, held };
}

type Facts = ReturnType<typeof receiptFacts>;

async function receiptA4(input: ReceiptPdfInput, f: Facts): Promise<Buffer> {
  const { w } = f;
  const pdf = createPdf({ title: f.title, letterhead: input.letterhead, lang: input.lang });
  pdf.title(f.title);
  pdf.keyValues(f.header, 3);
  if (f.settled.length) {
    pdf.heading(w.settled);
    pdf.table({
      columns: [
        { header: w.invoice, width: 2 },
        { header: w.applied, width: 1.3, align: 'right' },
        { header: w.balanceAfter, width: 1.3, align: 'right' },
      ],
      rows: f.settled.map((s) => [s.number, s.applied, s.after]),
    });
  } else {
    pdf.paragraph(w.advance, { muted: true });
  }
  const rows: SummaryRow[] = [{ label: w.amountPaid, value: f.total, style: 'total' }, ...f.cash];
  if (f.held) rows.push({ ...f.held, style: 'balance' });
  drawSummary(pdf, rows);
  if (input.payment.note) pdf.paragraph(input.payment.note, { muted: true, size: 9.5 });
  pdf.paragraph(w.thanks, { size: 10 });
  return pdf.finish();
}

function receiptSlip(input: ReceiptPdfInput, f: Facts): Promise<Buffer> {
  const l: Letterhead = input.letterhead;
  return renderSlip({
    title: pdfSafe(f.title),
    author: pdfSafe(l.clinicName),
    draw(doc, { left, width }) {
      const text = (
        s: string,
        o: { bold?: boolean; size?: number; align?: 'center' | 'left' | 'right' } = {},
      ) =>
        doc
          .font(o.bold ? 'Courier-Bold' : 'Courier')
          .fontSize(o.size ?? 8)
          .fillColor('#000000')
          .text(pdfSafe(s), left, doc.y, { width, align: o.align ?? 'left' });
      const pair = ({ label, value }: Pair, o: { bold?: boolean; size?: number; indent?: number } = {}) => {
        doc.font(o.bold ? 'Courier-Bold' : 'Courier').fontSize(o.size ?? 8);
        const x = left + (o.indent ?? 0);
        const valueWidth = doc.widthOfString(pdfSafe(value));
        const y = doc.y;
        doc.text(pdfSafe(label), x, y, { width: width - (x - left) - valueWidth - 6 });
        const below = doc.y;
        doc.text(pdfSafe(value), left, y, { width, align: 'right' });
        doc.y = Math.max(below, doc.y);
      };
      const rule = () => {
        const y = doc.y + 3;
        doc
          .moveTo(left, y)
          .lineTo(left + width, y)
          .lineWidth(0.6)
          .dash(2, { space: 2 });
        doc.strokeColor('#000000').stroke().undash();
        doc.y = y + 5;
      };
      text(l.clinicName, { bold: true, size: 10, align: 'center' });
      for (const line of [l.address, [l.phone, l.email].filter(Boolean).join('  ')]) {
        if (line) text(line, { size: 7, align: 'center' });
      }
      rule();
      text(f.title.toUpperCase(), { bold: true, size: 9.5, align: 'center' });
      doc.y += 3;
      for (const h of f.header) {
        doc.font('Courier').fontSize(8);
        if (doc.widthOfString(pdfSafe(`${h.label} ${h.value}`)) + 8 <= width) pair(h);
        else {
          text(h.label);
          text(h.value, { align: 'right' });
        }
      }
      rule();
      if (f.settled.length) {
        text(f.w.settled.toUpperCase(), { bold: true });
        for (const s of f.settled) {
          text(s.number, { bold: true });
          pair({ label: f.w.applied, value: s.applied }, { indent: 8 });
          pair({ label: f.w.balanceAfter, value: s.after }, { indent: 8 });
        }
      } else {
        text(f.w.advance, { size: 7 });
      }
      rule();
      pair({ label: f.w.amountPaid.toUpperCase(), value: f.total }, { bold: true, size: 9.5 });
      for (const c of f.cash) pair(c);
      if (f.held) pair(f.held, { bold: true });
      if (input.payment.note) {
        rule();
        text(input.payment.note, { size: 7 });
      }
      rule();
      text(f.w.thanks, { align: 'center' });
    },
  });
}

/** A receipt for one payment: on A4 with the letterhead, or on an 80 mm receipt printer's roll. */
export function receiptPdf(input: ReceiptPdfInput): Promise<Buffer> {
  const facts = receiptFacts(input);
  return input.format === '80mm' ? receiptSlip(input, facts) : receiptA4(input, facts);
}
