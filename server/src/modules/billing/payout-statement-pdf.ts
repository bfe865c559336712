import type { DoctorStatement, PaymentMethod } from '@carebase/contracts';
import type { Letterhead } from '../../platform/pdf/letterhead.ts';
import { createPdf } from '../../platform/pdf/pdf-document.ts';
import { formatDate, formatDay, formatMoney, type PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import { drawSummary } from './billing-pdf-parts.ts';
import { BILLING_PDF_WORDS } from './billing-pdf-words.ts';

const WORDS: Record<
  PdfLanguage,
  {
    title: string;
    doctor: string;
    period: string;
    allTime: string;
    since: (d: string) => string;
    until: (d: string) => string;
    generatedOn: string;
    shares: string;
    date: string;
    invoice: string;
    patient: string;
    service: string;
    amountPaid: string;
    share: string;
    refund: string;
    noShares: string;
    payouts: string;
    method: string;
    reference: string;
    amount: string;
    noPayouts: string;
    opening: string;
    earned: string;
    paidOut: string;
    closing: string;
  }
> = {
  en: {
    title: 'Doctor statement',
    doctor: 'Doctor',
    period: 'Period',
    allTime: 'All time',
    since: (d) => `From ${d}`,
    until: (d) => `Until ${d}`,
    generatedOn: 'Printed on',
    shares: 'Shares earned',
    date: 'Date',
    invoice: 'Invoice',
    patient: 'Patient',
    service: 'Service',
    amountPaid: 'Amount paid',
    share: 'Doctor share',
    refund: 'Refund',
    noShares: 'No shares in this period.',
    payouts: 'Payouts',
    method: 'Method',
    reference: 'Reference',
    amount: 'Amount',
    noPayouts: 'No payouts in this period.',
    opening: 'Owed at the start of the period',
    earned: 'Earned in the period',
    paidOut: 'Paid out in the period',
    closing: 'Owed at the end of the period',
  },
  es: {
    title: 'Estado de cuenta del médico',
    doctor: 'Médico',
    period: 'Periodo',
    allTime: 'Todo el historial',
    since: (d) => `Desde ${d}`,
    until: (d) => `Hasta ${d}`,
    generatedOn: 'Impreso el',
    shares: 'Participaciones devengadas',
    date: 'Fecha',
    invoice: 'Factura',
    patient: 'Paciente',
    service: 'Servicio',
    amountPaid: 'Importe pagado',
    share: 'Parte del médico',
    refund: 'Reembolso',
    noShares: 'Sin participaciones en este periodo.',
    payouts: 'Pagos al médico',
    method: 'Forma de pago',
    reference: 'Referencia',
    amount: 'Importe',
    noPayouts: 'Sin pagos en este periodo.',
    opening: 'Saldo adeudado al inicio del periodo',
    earned: 'Devengado en el periodo',
    paidOut: 'Pagado en el periodo',
    closing: 'Saldo adeudado al final del periodo',
  },
};

export type PayoutStatementPdfInput = {
  statement: DoctorStatement;
  letterhead: Letterhead;
  lang: PdfLanguage;
  timeZone: string;
};

function periodText(s: DoctorStatement, lang: PdfLanguage): string {
  const w = WORDS[lang];
  if (s.from && s.to) return `${formatDate(s.from, lang)} – ${formatDate(s.to, lang)}`;
  if (s.from) return w.since(formatDate(s.from, lang));
  if (s.to) return w.until(formatDate(s.to, lang));
  return w.allTime;
}

/** The doctor's statement on A4: the period's balance, every share of a payment or refund, and the payouts. */
export async function payoutStatementPdf(input: PayoutStatementPdfInput): Promise<Buffer> {
  const { statement: s, lang, timeZone } = input;
  const w = WORDS[lang];
  const methods: Record<PaymentMethod, string> = BILLING_PDF_WORDS[lang].methods;
  const money = (minor: number) => formatMoney(minor, s.currency, lang);
  const day = (iso: string) => formatDay(new Date(iso), timeZone, lang);
  const pdf = createPdf({ title: `${w.title} — ${s.providerName}`, letterhead: input.letterhead, lang });

  pdf.title(w.title, s.providerName);
  pdf.keyValues(
    [
      { label: w.doctor, value: s.providerName },
      { label: w.period, value: periodText(s, lang) },
      { label: w.generatedOn, value: day(new Date().toISOString()) },
    ],
    3,
  );
  pdf.space(4);
  drawSummary(pdf, [
    { label: w.opening, value: money(s.openingMinor) },
    { label: w.earned, value: money(s.earnedMinor) },
    { label: w.paidOut, value: money(-s.paidMinor) },
    { label: w.closing, value: money(s.closingMinor), style: 'total' },
  ]);

  pdf.heading(w.shares);
  pdf.table({
    columns: [
      { header: w.date, width: 1.4 },
      { header: w.invoice, width: 1.8 },
      { header: w.patient, width: 1.7 },
      { header: w.service, width: 2 },
      { header: w.amountPaid, width: 1.2, align: 'right' },
      { header: w.share, width: 1.2, align: 'right' },
    ],
    rows: s.entries.map((e) => [
      day(e.at),
      e.invoiceNumber ?? '—',
      e.patientName,
      e.kind === 'refund' ? `${e.description}\n${w.refund}` : e.description,
      money(e.amountMinor),
      money(e.doctorMinor),
    ]),
    footer: s.entries.length ? [['', '', '', '', '', money(s.earnedMinor)]] : undefined,
    empty: w.noShares,
  });

  pdf.heading(w.payouts);
  pdf.table({
    columns: [
      { header: w.date, width: 1.2 },
      { header: w.method, width: 1.6 },
      { header: w.reference, width: 2.6 },
      { header: w.amount, width: 1.3, align: 'right' },
    ],
    rows: s.payouts.map((p) => [
      day(p.paidAt),
      methods[p.method],
      [p.reference, p.note].filter(Boolean).join(' — ') || '—',
      money(p.amountMinor),
    ]),
    footer: s.payouts.length ? [['', '', '', money(s.paidMinor)]] : undefined,
    empty: w.noPayouts,
  });
  return pdf.finish();
}
