import {
  type AgeingReport,
  type BillingReportName,
  type BillingReportQuery,
  type BillingReports,
  type DiscountReport,
  type DoctorRevenueReport,
  type MethodAmounts,
  type MethodReport,
  PAYMENT_METHODS,
  type PayerReport,
  REPORT_MAX_ROWS,
  REPORT_MAX_YEARS,
  type RefundReport,
  type ReportGrouping,
  type RevenueReport,
  type ServiceRevenueReport,
  type TaxReport,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import { fieldError } from '../../platform/errors.ts';
import { loadLetterhead } from '../../platform/pdf/letterhead.ts';
import { addDays, weekdayOf, zonedToUtc } from '../scheduling/zoned-time.ts';
import * as repo from './reports.repository.ts';
import { type Big, num, type PeriodWindow, type ReportWindow } from './reports.repository.ts';
import { reportCsv, reportPdf, reportTable } from './reports-export.ts';

type Ctx = Pick<AppContext, 'db' | 'settings'>;
type Method = (typeof PAYMENT_METHODS)[number];

/** The period's bounds checked (to on or after from, at most three years) and turned into UTC instants. */
export function reportWindow(q: Pick<BillingReportQuery, 'from' | 'to'>, timeZone: string): ReportWindow {
  // Far-off days would name instants PostgreSQL cannot store (year 0, year 10000) once shifted to UTC.
  if (q.from < '1900-01-01') throw fieldError('query.from', 'must be in 1900 or later');
  if (q.to > '9998-12-31') throw fieldError('query.to', 'must be in 9998 or earlier');
  if (q.to < q.from) throw fieldError('query.to', 'is before query.from');
  const limit = `${String(Number(q.from.slice(0, 4)) + REPORT_MAX_YEARS).padStart(4, '0')}${q.from.slice(4)}`;
  if (q.to >= limit) throw fieldError('query.to', `is more than ${REPORT_MAX_YEARS} years after query.from`);
  return {
    start: zonedToUtc(q.from, 0, timeZone).toISOString(),
    end: zonedToUtc(addDays(q.to, 1), 0, timeZone).toISOString(),
    timeZone,
    from: q.from,
    to: q.to,
  };
}

/** The first day of the period a local day falls in (weeks start on Monday). */
export function periodStart(day: string, groupBy: ReportGrouping): string {
  if (groupBy === 'day') return day;
  if (groupBy === 'month') return `${day.slice(0, 8)}01`;
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

/** Every period from `from` to `to`, in order, so a chart shows the quiet ones too. */
export function periodsOf(from: string, to: string, groupBy: ReportGrouping): string[] {
  const out: string[] = [];
  for (let p = periodStart(from, groupBy); p <= to; ) {
    out.push(p);
    if (groupBy === 'day') p = addDays(p, 1);
    else if (groupBy === 'week') p = addDays(p, 7);
    else {
      const [y, m] = p.split('-').map(Number) as [number, number];
      p =
        m === 12
          ? `${String(y + 1).padStart(4, '0')}-01-01`
          : `${p.slice(0, 5)}${String(m + 1).padStart(2, '0')}-01`;
    }
  }
  return out;
}

const noMethods = (): MethodAmounts =>
  Object.fromEntries(PAYMENT_METHODS.map((m) => [m, 0])) as MethodAmounts;

async function revenue(ctx: Ctx, q: BillingReportQuery, w: PeriodWindow, currency: string) {
  const flows = await repo.revenueByPeriodAndMethod(ctx.db, w);
  const empty = () => ({ receivedMinor: 0, refundedMinor: 0, netMinor: 0, byMethod: noMethods() });
  const byPeriod = new Map(periodsOf(q.from, q.to, q.groupBy).map((p) => [p, { period: p, ...empty() }]));
  const total = empty();
  for (const f of flows) {
    const row = byPeriod.get(f.period) ?? { period: f.period, ...empty() };
    byPeriod.set(f.period, row);
    const received = num(f.received);
    const refunded = num(f.refunded);
    for (const target of [row, total]) {
      target.receivedMinor += received;
      target.refundedMinor += refunded;
      target.netMinor += received - refunded;
      target.byMethod[f.method as Method] += received - refunded;
    }
  }
  const rows = [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
  return { from: q.from, to: q.to, currency, groupBy: q.groupBy, rows, total } satisfies RevenueReport;
}

const shares = (r: { amount: Big; doctor: Big; clinic: Big; tax: Big }) => ({
  amountMinor: num(r.amount),
  doctorMinor: num(r.doctor),
  clinicMinor: num(r.clinic),
  taxMinor: num(r.tax),
});
function sumShares(rows: readonly ReturnType<typeof shares>[]) {
  const t = { amountMinor: 0, doctorMinor: 0, clinicMinor: 0, taxMinor: 0 };
  for (const r of rows) {
    t.amountMinor += r.amountMinor;
    t.doctorMinor += r.doctorMinor;
    t.clinicMinor += r.clinicMinor;
    t.taxMinor += r.taxMinor;
  }
  return t;
}

async function doctors(ctx: Ctx, q: BillingReportQuery, w: PeriodWindow, currency: string) {
  const rows = (await repo.sharesByPeriodAndDoctor(ctx.db, w)).map((r) => ({
    period: r.period,
    providerId: r.providerId,
    providerName: r.providerName,
    ...shares(r),
  }));
  return {
    from: q.from,
    to: q.to,
    currency,
    groupBy: q.groupBy,
    rows,
    total: sumShares(rows),
  } satisfies DoctorRevenueReport;
}

async function services(ctx: Ctx, q: BillingReportQuery, w: ReportWindow, currency: string) {
  const rows = (await repo.sharesByService(ctx.db, w)).map((r) => ({
    code: r.code,
    kind: r.kind,
    description: r.description,
    ...shares(r),
  }));
  return { from: q.from, to: q.to, currency, rows, total: sumShares(rows) } satisfies ServiceRevenueReport;
}

async function payers(ctx: Ctx, q: BillingReportQuery, w: ReportWindow, currency: string) {
  const rows = (await repo.sharesByPayer(ctx.db, w)).map((r) => ({
    payerName: r.payerName,
    invoices: num(r.invoices),
    ...shares(r),
  }));
  const total = { ...sumShares(rows), invoices: rows.reduce((a, r) => a + r.invoices, 0) };
  return { from: q.from, to: q.to, currency, rows, total } satisfies PayerReport;
}

async function methods(ctx: Ctx, q: BillingReportQuery, w: ReportWindow, currency: string) {
  // One period spanning the whole window: the same query as revenue by period.
  const flows = await repo.revenueByPeriodAndMethod(ctx.db, { ...w, groupBy: 'day' });
  const byMethod = new Map<Method, MethodReport['rows'][number]>();
  for (const f of flows) {
    const method = f.method as Method;
    const row = byMethod.get(method) ?? { method, count: 0, receivedMinor: 0, refundedMinor: 0, netMinor: 0 };
    row.count += num(f.count);
    row.receivedMinor += num(f.received);
    row.refundedMinor += num(f.refunded);
    row.netMinor = row.receivedMinor - row.refundedMinor;
    byMethod.set(method, row);
  }
  const rows = PAYMENT_METHODS.flatMap((m) => byMethod.get(m) ?? []);
  const total = { count: 0, receivedMinor: 0, refundedMinor: 0, netMinor: 0 };
  for (const r of rows) {
    total.count += r.count;
    total.receivedMinor += r.receivedMinor;
    total.refundedMinor += r.refundedMinor;
    total.netMinor += r.netMinor;
  }
  return { from: q.from, to: q.to, currency, rows, total } satisfies MethodReport;
}

const ageing = (r: repo.AgeingSums) => ({
  days0to30Minor: num(r.d30),
  days31to60Minor: num(r.d60),
  days61to90Minor: num(r.d90),
  over90Minor: num(r.over),
  balanceMinor: num(r.balance),
  invoices: num(r.invoices),
});

async function ageingReport(
  ctx: Ctx,
  actor: ActorContext,
  q: BillingReportQuery,
  w: ReportWindow,
  currency: string,
) {
  const { patients: rows, total } = await repo.ageingByPatient(ctx.db, q.to, w, REPORT_MAX_ROWS);
  const report: AgeingReport = {
    asOf: q.to,
    currency,
    rows: rows.map((r) => ({ patientId: r.patientId, patientName: r.patientName, mrn: r.mrn, ...ageing(r) })),
    total: { ...ageing(total), patients: num(total.patients) },
  };
  await writeReadAudit(ctx.db, actor, {
    action: 'billing.report.ageing.read',
    resourceType: 'billing_report',
    details: { asOf: q.to, patients: report.rows.length },
  });
  return report;
}

async function discounts(ctx: Ctx, q: BillingReportQuery, w: ReportWindow, currency: string) {
  const rows = (await repo.discountsByKindAndGranter(ctx.db, w)).map(({ invoices, amount, ...r }) => ({
    ...r,
    invoices: num(invoices),
    amountMinor: num(amount),
  }));
  const total = {
    invoices: rows.reduce((a, r) => a + r.invoices, 0),
    amountMinor: rows.reduce((a, r) => a + r.amountMinor, 0),
  };
  return { from: q.from, to: q.to, currency, rows, total } satisfies DiscountReport;
}

async function refundsReport(
  ctx: Ctx,
  actor: ActorContext,
  q: BillingReportQuery,
  w: ReportWindow,
  currency: string,
) {
  const [rows, total] = await Promise.all([
    repo.refundList(ctx.db, w, REPORT_MAX_ROWS),
    repo.refundTotal(ctx.db, w),
  ]);
  const report: RefundReport = {
    from: q.from,
    to: q.to,
    currency,
    rows: rows.map(({ amount, createdAt, method, ...r }) => ({
      ...r,
      method: method as Method,
      createdAt: new Date(createdAt).toISOString(),
      amountMinor: num(amount),
    })),
    total: { count: num(total.count), amountMinor: num(total.amount) },
  };
  await writeReadAudit(ctx.db, actor, {
    action: 'billing.report.refunds.read',
    resourceType: 'billing_report',
    details: { from: q.from, to: q.to, refunds: report.rows.length },
  });
  return report;
}

async function tax(ctx: Ctx, q: BillingReportQuery, w: ReportWindow, currency: string) {
  const rows = (await repo.sharesByTaxRate(ctx.db, w)).map((r) => ({
    taxRateBp: r.taxRateBp,
    baseMinor: num(r.base),
    taxMinor: num(r.tax),
  }));
  const total = {
    baseMinor: rows.reduce((a, r) => a + r.baseMinor, 0),
    taxMinor: rows.reduce((a, r) => a + r.taxMinor, 0),
  };
  return { from: q.from, to: q.to, currency, rows, total } satisfies TaxReport;
}

/** One report over the query's period, in the clinic's time zone and currency. */
export async function runReport<K extends BillingReportName>(
  ctx: Ctx,
  actor: ActorContext,
  name: K,
  q: BillingReportQuery,
): Promise<BillingReports[K]> {
  const { settings } = await ctx.settings.get(ctx.db);
  const w = reportWindow(q, settings.timeZone);
  const pw: PeriodWindow = { ...w, groupBy: q.groupBy };
  const currency = settings.currency;
  const run: { [N in BillingReportName]: () => Promise<BillingReports[N]> } = {
    revenue: () => revenue(ctx, q, pw, currency),
    doctors: () => doctors(ctx, q, pw, currency),
    services: () => services(ctx, q, w, currency),
    methods: () => methods(ctx, q, w, currency),
    payers: () => payers(ctx, q, w, currency),
    ageing: () => ageingReport(ctx, actor, q, w, currency),
    discounts: () => discounts(ctx, q, w, currency),
    refunds: () => refundsReport(ctx, actor, q, w, currency),
    tax: () => tax(ctx, q, w, currency),
  };
  return run[name]();
}

export type ReportFile = { body: string | Buffer; contentType: string; filename: string };

/** The report as a download: CSV (a header row, money as decimals) or a PDF on the letterhead. */
export async function exportReport<K extends BillingReportName>(
  ctx: AppContext,
  actor: ActorContext,
  name: K,
  q: BillingReportQuery & { format: 'csv' | 'pdf' },
): Promise<ReportFile> {
  const report = await runReport(ctx, actor, name, q);
  const table = reportTable(name, report, q.lang);
  const currency = report.currency;
  const filename = `${name}-${q.from}-${q.to}.${q.format}`;
  if (q.format === 'csv')
    return { body: reportCsv(table, currency), contentType: 'text/csv; charset=utf-8', filename };
  const pdf = await reportPdf(table, {
    from: q.from,
    to: q.to,
    currency,
    lang: q.lang,
    letterhead: await loadLetterhead(ctx),
    asOf: name === 'ageing',
  });
  return { body: pdf, contentType: 'application/pdf', filename };
}
