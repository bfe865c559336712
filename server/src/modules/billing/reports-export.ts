import { type BillingReportName, type BillingReports, PAYMENT_METHODS } from '@carebase/contracts';
import type { Letterhead } from '../../platform/pdf/letterhead.ts';
import { createPdf } from '../../platform/pdf/pdf-document.ts';
import { formatDate, formatMoney, type PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import { csvCell } from '../audit/audit.service.ts';
import { formatRate } from './billing-pdf-parts.ts';
import { BILLING_PDF_WORDS } from './billing-pdf-words.ts';

/** A cell: text, a count, or money in minor units (printed in the currency, or as a decimal in CSV). */
type Cell = string | number | { minor: number };
type Column = { header: string; align?: 'left' | 'right'; width?: number };
export type ReportTable = { title: string; columns: Column[]; rows: Cell[][]; footer: Cell[] };

const WORDS = {
  en: {
    titles: {
      revenue: 'Revenue by period',
      doctors: 'Revenue by doctor',
      services: 'Revenue by service',
      methods: 'Revenue by payment method',
      payers: 'Revenue by payer',
      ageing: 'Outstanding balances by age',
      discounts: 'Discounts granted',
      refunds: 'Refunds',
      tax: 'Tax collected',
    },
    period: 'Period',
    asOf: 'As of',
    total: 'Total',
    received: 'Received',
    refunded: 'Refunded',
    net: 'Net',
    doctor: 'Doctor',
    noDoctor: '(no doctor)',
    amount: 'Collected',
    doctorShare: 'Doctor share',
    clinicShare: 'Clinic share',
    tax: 'Tax',
    code: 'Code',
    description: 'Description',
    kind: 'Kind',
    method: 'Method',
    count: 'Count',
    payer: 'Payer',
    selfPay: 'Self-pay',
    invoices: 'Invoices',
    patient: 'Patient',
    mrn: 'MRN',
    d30: '0–30 days',
    d60: '31–60 days',
    d90: '61–90 days',
    over: 'Over 90 days',
    balance: 'Balance',
    scope: 'On',
    scopes: { line: 'Line', invoice: 'Invoice' },
    discountKind: 'Discount kind',
    grantedBy: 'Granted by',
    number: 'Credit note',
    date: 'Date',
    invoice: 'Invoice',
    reason: 'Reason',
    rate: 'Rate',
    base: 'Taxable amount',
    none: 'Nothing in this period.',
  },
  es: {
    titles: {
      revenue: 'Ingresos por periodo',
      doctors: 'Ingresos por médico',
      services: 'Ingresos por servicio',
      methods: 'Ingresos por forma de pago',
      payers: 'Ingresos por pagador',
      ageing: 'Saldos pendientes por antigüedad',
      discounts: 'Descuentos otorgados',
      refunds: 'Devoluciones',
      tax: 'Impuestos cobrados',
    },
    period: 'Periodo',
    asOf: 'Al',
    total: 'Total',
    received: 'Recibido',
    refunded: 'Devuelto',
    net: 'Neto',
    doctor: 'Médico',
    noDoctor: '(sin médico)',
    amount: 'Cobrado',
    doctorShare: 'Parte del médico',
    clinicShare: 'Parte de la clínica',
    tax: 'Impuesto',
    code: 'Código',
    description: 'Descripción',
    kind: 'Tipo',
    method: 'Forma de pago',
    count: 'Cantidad',
    payer: 'Pagador',
    selfPay: 'Pago propio',
    invoices: 'Facturas',
    patient: 'Paciente',
    mrn: 'Expediente',
    d30: '0–30 días',
    d60: '31–60 días',
    d90: '61–90 días',
    over: 'Más de 90 días',
    balance: 'Saldo',
    scope: 'Sobre',
    scopes: { line: 'Línea', invoice: 'Factura' },
    discountKind: 'Tipo de descuento',
    grantedBy: 'Otorgado por',
    number: 'Nota de crédito',
    date: 'Fecha',
    invoice: 'Factura',
    reason: 'Motivo',
    rate: 'Tasa',
    base: 'Base gravable',
    none: 'Nada en este periodo.',
  },
} as const;

const m = (minor: number) => ({ minor });
const R = { align: 'right' as const };

/** The report as one table: its columns, rows and a total row, in the language asked for. */
export function reportTable<K extends BillingReportName>(
  name: K,
  report: BillingReports[K],
  lang: PdfLanguage,
): ReportTable {
  const w = WORDS[lang];
  const methods = BILLING_PDF_WORDS[lang].methods;
  const title = w.titles[name];
  const shareCols = [
    { header: w.amount, ...R },
    { header: w.doctorShare, ...R },
    { header: w.clinicShare, ...R },
    { header: w.tax, ...R },
  ];
  type S = { amountMinor: number; doctorMinor: number; clinicMinor: number; taxMinor: number };
  const shareCells = (s: S) => [m(s.amountMinor), m(s.doctorMinor), m(s.clinicMinor), m(s.taxMinor)];
  switch (name) {
    case 'revenue': {
      const r = report as BillingReports['revenue'];
      const cells = (x: BillingReports['revenue']['total']) => [
        m(x.receivedMinor),
        m(x.refundedMinor),
        m(x.netMinor),
        ...PAYMENT_METHODS.map((k) => m(x.byMethod[k])),
      ];
      return {
        title,
        columns: [
          { header: w.period, width: 1.3 },
          { header: w.received, ...R },
          { header: w.refunded, ...R },
          { header: w.net, ...R },
          ...PAYMENT_METHODS.map((k) => ({ header: methods[k], ...R })),
        ],
        rows: r.rows.map((x) => [x.period, ...cells(x)]),
        footer: [w.total, ...cells(r.total)],
      };
    }
    case 'doctors': {
      const r = report as BillingReports['doctors'];
      return {
        title,
        columns: [{ header: w.period }, { header: w.doctor, width: 1.6 }, ...shareCols],
        rows: r.rows.map((x) => [x.period, x.providerName ?? w.noDoctor, ...shareCells(x)]),
        footer: [w.total, '', ...shareCells(r.total)],
      };
    }
    case 'services': {
      const r = report as BillingReports['services'];
      return {
        title,
        columns: [{ header: w.code }, { header: w.description, width: 2 }, ...shareCols],
        rows: r.rows.map((x) => [x.code, x.description, ...shareCells(x)]),
        footer: [w.total, '', ...shareCells(r.total)],
      };
    }
    case 'methods': {
      const r = report as BillingReports['methods'];
      const cells = (x: BillingReports['methods']['total']) => [
        x.count,
        m(x.receivedMinor),
        m(x.refundedMinor),
        m(x.netMinor),
      ];
      return {
        title,
        columns: [
          { header: w.method, width: 1.5 },
          { header: w.count, ...R },
          { header: w.received, ...R },
          { header: w.refunded, ...R },
          { header: w.net, ...R },
        ],
        rows: r.rows.map((x) => [methods[x.method], ...cells(x)]),
        footer: [w.total, ...cells(r.total)],
      };
    }
    case 'payers': {
      const r = report as BillingReports['payers'];
      return {
        title,
        columns: [{ header: w.payer, width: 1.6 }, { header: w.invoices, ...R }, ...shareCols],
        rows: r.rows.map((x) => [x.payerName ?? w.selfPay, x.invoices, ...shareCells(x)]),
        footer: [w.total, r.total.invoices, ...shareCells(r.total)],
      };
    }
    case 'ageing': {
      const r = report as BillingReports['ageing'];
      const cells = (x: Omit<BillingReports['ageing']['total'], 'patients'>) => [
        x.invoices,
        m(x.days0to30Minor),
        m(x.days31to60Minor),
        m(x.days61to90Minor),
        m(x.over90Minor),
        m(x.balanceMinor),
      ];
      return {
        title,
        columns: [
          { header: w.patient, width: 1.8 },
          { header: w.mrn, width: 1.2 },
          { header: w.invoices, ...R, width: 0.7 },
          { header: w.d30, ...R },
          { header: w.d60, ...R },
          { header: w.d90, ...R },
          { header: w.over, ...R },
          { header: w.balance, ...R },
        ],
        rows: r.rows.map((x) => [x.patientName, x.mrn, ...cells(x)]),
        footer: [w.total, '', ...cells(r.total)],
      };
    }
    case 'discounts': {
      const r = report as BillingReports['discounts'];
      return {
        title,
        columns: [
          { header: w.scope, width: 0.7 },
          { header: w.discountKind, width: 1.6 },
          { header: w.grantedBy, width: 1.4 },
          { header: w.invoices, ...R },
          { header: w.amount, ...R },
        ],
        rows: r.rows.map((x) => [
          w.scopes[x.scope],
          (lang === 'es' ? x.kindNameEs : x.kindNameEn) ?? '—',
          x.grantedByName ?? '—',
          x.invoices,
          m(x.amountMinor),
        ]),
        footer: [w.total, '', '', r.total.invoices, m(r.total.amountMinor)],
      };
    }
    case 'refunds': {
      const r = report as BillingReports['refunds'];
      return {
        title,
        columns: [
          { header: w.number, width: 1.3 },
          { header: w.date, width: 1.5 },
          { header: w.invoice, width: 1.3 },
          { header: w.patient, width: 1.6 },
          { header: w.method },
          { header: w.reason, width: 1.6 },
          { header: w.refunded, ...R },
        ],
        rows: r.rows.map((x) => [
          x.number,
          x.createdAt,
          x.invoiceNumber ?? '—',
          x.patientName,
          methods[x.method],
          x.reason,
          m(x.amountMinor),
        ]),
        footer: [w.total, '', '', '', String(r.total.count), '', m(r.total.amountMinor)],
      };
    }
    case 'tax': {
      const r = report as BillingReports['tax'];
      return {
        title,
        columns: [{ header: w.rate }, { header: w.base, ...R }, { header: w.tax, ...R }],
        rows: r.rows.map((x) => [formatRate(x.taxRateBp, lang), m(x.baseMinor), m(x.taxMinor)]),
        footer: [w.total, m(r.total.baseMinor), m(r.total.taxMinor)],
      };
    }
  }
  throw new Error(`no table for report ${name}`);
}

/** How many digits the currency has after the decimal point (2 for USD, 0 for JPY). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Minor units as a plain decimal with a point: 123456 → "1234.56", -5 → "-0.05". */
export function decimalOf(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** The table as CSV: a header row, the rows, then the total row; money as decimals in the currency's digits. */
export function reportCsv(table: ReportTable, currency: string): string {
  const digits = minorDigits(currency);
  // Numbers go out as they are: csvCell would guard a leading minus as if it started a formula.
  const cell = (c: Cell) =>
    typeof c === 'object' ? decimalOf(c.minor, digits) : typeof c === 'number' ? String(c) : csvCell(c);
  const lines = [
    table.columns.map((c) => csvCell(c.header)),
    ...table.rows.map((r) => r.map(cell)),
    table.footer.map(cell),
  ];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

export function reportPdf(
  table: ReportTable,
  input: {
    from: string;
    to: string;
    currency: string;
    lang: PdfLanguage;
    letterhead: Letterhead;
    asOf?: boolean;
  },
): Promise<Buffer> {
  const w = WORDS[input.lang];
  const money = (minor: number) => formatMoney(minor, input.currency, input.lang);
  const text = (c: Cell) => (typeof c === 'object' ? money(c.minor) : String(c));
  const period = input.asOf
    ? `${w.asOf} ${formatDate(input.to, input.lang)}`
    : `${formatDate(input.from, input.lang)} – ${formatDate(input.to, input.lang)}`;
  const pdf = createPdf({ title: table.title, letterhead: input.letterhead, lang: input.lang });
  pdf.title(table.title, period);
  pdf.table({
    columns: table.columns.map((c) => ({ header: c.header, width: c.width ?? 1, align: c.align ?? 'left' })),
    rows: table.rows.map((r) => r.map(text)),
    footer: [table.footer.map(text)],
    empty: w.none,
  });
  return pdf.finish();
}
