import type { ReportGrouping } from '@carebase/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { addDays } from '../scheduling/zoned-time.ts';

/**
 * A report's window: the clinic-local days asked for (from … to, inclusive), the UTC instants [start, end) they
 * span, and the zone they are local to.
 */
export type ReportWindow = { start: string; end: string; timeZone: string; from: string; to: string };
export type PeriodWindow = ReportWindow & { groupBy: ReportGrouping };

/** Sums come back as bigint (a string or bigint by driver); they fit a double for any real clinic. */
export type Big = string | number | bigint | null;
export const num = (v: Big): number => (v === null ? 0 : Number(v));

/**
 * The local start of the period an instant falls in (date_trunc's weeks start on Monday). Rows are grouped by
 * this timestamp and named (YYYY-MM-DD) only after grouping: formatting every row costs more than the sums.
 */
function periodOf(column: ReturnType<typeof sql.raw>, w: PeriodWindow) {
  return sql`date_trunc(${w.groupBy}, ${column} at time zone ${w.timeZone})`;
}
const dayName = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD')`);

const patientName = sql`concat_ws(' ', p.given_name, p.middle_name, p.family_name, p.suffix)`;

export type MethodFlowRow = { period: string; method: string; count: Big; received: Big; refunded: Big };

/** Payments received and refunds given in the window, by period and method. */
export function revenueByPeriodAndMethod(db: Executor, w: PeriodWindow) {
  return queryRows<MethodFlowRow>(
    db,
    sql`select ${dayName('period')} as period, method, sum(count)::bigint as count, sum(received)::bigint as received,
               sum(refunded)::bigint as refunded
        from (
          select ${periodOf(sql.raw('received_at'), w)} as period, method, count(*) as count,
                 sum(amount_minor) as received, 0 as refunded
          from payments where received_at >= ${w.start}::timestamptz and received_at < ${w.end}::timestamptz
          group by 1, 2
          union all
          select ${periodOf(sql.raw('created_at'), w)} as period, method, 0, 0, sum(amount_minor)
          from refunds where created_at >= ${w.start}::timestamptz and created_at < ${w.end}::timestamptz
          group by 1, 2
        ) f
        group by 1, 2
        order by 1, 2`,
  );
}

type SharesRow = { amount: Big; doctor: Big; clinic: Big; tax: Big };
const shareSums = sql`sum(s.amount_minor)::bigint as amount, sum(s.doctor_minor)::bigint as doctor,
  sum(s.clinic_minor)::bigint as clinic, sum(s.tax_minor)::bigint as tax`;

/**
 * The share ledger in the window by period and doctor (null: lines with no doctor). The window is whole local
 * days, so when the rollups are keyed by the report's zone (the clinic's, as stored) it is summed from them
 * alone: by month from share_monthly, but for part-months at the window's edges, which come from share_daily
 * like days and weeks. Only when the zone asked for is not the stored one (another instance's settings in
 * memory a moment out of date) are the raw entries grouped instead.
 */
export async function sharesByPeriodAndDoctor(db: Executor, w: PeriodWindow) {
  const [stored] = await queryRows<{ zone: string }>(db, sql`select carebase_clinic_time_zone() as zone`);
  return queryRows<SharesRow & { period: string; providerId: string | null; providerName: string | null }>(
    db,
    sharesByPeriodAndDoctorQuery(w, stored?.zone === w.timeZone),
  );
}

const rollupSums = sql`r.amount_minor as amount, r.doctor_minor as doctor, r.clinic_minor as clinic,
  r.tax_minor as tax`;

/** share_daily's rows for the local days from … to (inclusive), each with its period. */
const dailyRows = (w: PeriodWindow, from: string, to: string) =>
  sql`select date_trunc(${w.groupBy}, r.day::timestamp) as period, r.provider_id, ${rollupSums}
      from share_daily r where r.day >= ${from}::date and r.day <= ${to}::date`;

/** The rollup rows covering the window: share_monthly's for the whole months in it when grouping by month. */
function rollupRows(w: PeriodWindow): SQL[] {
  const monthOf = (day: string) => `${day.slice(0, 8)}01`;
  const wholeFrom = w.from.endsWith('-01') ? w.from : monthOf(addDays(monthOf(w.from), 31));
  const wholeEnd = monthOf(addDays(w.to, 1));
  if (w.groupBy !== 'month' || wholeFrom >= wholeEnd) return [dailyRows(w, w.from, w.to)];
  return [
    ...(w.from < wholeFrom ? [dailyRows(w, w.from, addDays(wholeFrom, -1))] : []),
    sql`select r.month::timestamp as period, r.provider_id, ${rollupSums}
        from share_monthly r where r.month >= ${wholeFrom}::date and r.month < ${wholeEnd}::date`,
    ...(wholeEnd <= w.to ? [dailyRows(w, wholeEnd, w.to)] : []),
  ];
}

/** The statement of sharesByPeriodAndDoctor, on its own so the benchmark can EXPLAIN it. */
export function sharesByPeriodAndDoctorQuery(w: PeriodWindow, fromRollups: boolean) {
  const grouped = fromRollups
    ? sql`select period, provider_id, sum(amount)::bigint as amount, sum(doctor)::bigint as doctor,
                 sum(clinic)::bigint as clinic, sum(tax)::bigint as tax
          from (${sql.join(rollupRows(w), sql` union all `)}) r
          group by 1, 2`
    : sql`select ${periodOf(sql.raw('s.at'), w)} as period, s.provider_id, ${shareSums}
          from share_entries s
          where s.at >= ${w.start}::timestamptz and s.at < ${w.end}::timestamptz
          group by 1, 2`;
  return sql`select ${dayName('g.period')} as period, g.provider_id as "providerId", u.name as "providerName",
               g.amount, g.doctor, g.clinic, g.tax
        from (${grouped}) g
        left join users u on u.id = g.provider_id
        order by g.period, u.name nulls last, g.provider_id`;
}

export function sharesByService(db: Executor, w: ReportWindow) {
  return queryRows<SharesRow & { code: string; kind: string; description: string }>(
    db,
    sql`select l.code, l.kind, min(l.description) as description, ${shareSums}
        from share_entries s join invoice_lines l on l.id = s.line_id
        where s.at >= ${w.start}::timestamptz and s.at < ${w.end}::timestamptz
        group by l.code, l.kind
        order by sum(s.amount_minor) desc, l.code`,
  );
}

export function sharesByPayer(db: Executor, w: ReportWindow) {
  return queryRows<SharesRow & { payerName: string | null; invoices: Big }>(
    db,
    sql`select i.payer_name as "payerName", count(distinct s.invoice_id) as invoices, ${shareSums}
        from share_entries s join invoices i on i.id = s.invoice_id
        where s.at >= ${w.start}::timestamptz and s.at < ${w.end}::timestamptz
        group by i.payer_name
        order by sum(s.amount_minor) desc, i.payer_name nulls first`,
  );
}

export function sharesByTaxRate(db: Executor, w: ReportWindow) {
  return queryRows<{ taxRateBp: number; base: Big; tax: Big }>(
    db,
    sql`select l.tax_rate_bp as "taxRateBp", sum(s.amount_minor - s.tax_minor)::bigint as base,
               sum(s.tax_minor)::bigint as tax
        from share_entries s join invoice_lines l on l.id = s.line_id
        where s.at >= ${w.start}::timestamptz and s.at < ${w.end}::timestamptz
        group by l.tax_rate_bp
        order by l.tax_rate_bp`,
  );
}

export type AgeingSums = { d30: Big; d60: Big; d90: Big; over: Big; balance: Big; invoices: Big };

/**
 * Open invoices (issued or partly paid) issued before `end`, with what they owe now, aged in clinic-local
 * days from their issue day to `asOf`.
 */
function openInvoices(asOf: string, w: ReportWindow) {
  return sql`select patient_id, total_minor - paid_minor as balance,
                    ${asOf}::date - (issued_at at time zone ${w.timeZone})::date as age
             from invoices
             where status in ('issued', 'partially_paid') and issued_at < ${w.end}::timestamptz`;
}
const ageingSums = sql`sum(case when o.age <= 30 then o.balance else 0 end)::bigint as d30,
  sum(case when o.age between 31 and 60 then o.balance else 0 end)::bigint as d60,
  sum(case when o.age between 61 and 90 then o.balance else 0 end)::bigint as d90,
  sum(case when o.age > 90 then o.balance else 0 end)::bigint as over,
  sum(o.balance)::bigint as balance, count(*)::bigint as invoices`;

/** The statement of ageingByPatient, on its own so the benchmark can EXPLAIN it. */
export function ageingQuery(asOf: string, w: ReportWindow, limit: number) {
  return sql`with per as materialized (
          select o.patient_id, ${ageingSums}
          from (${openInvoices(asOf, w)}) o
          group by o.patient_id
        )
        select * from (
          select t.patient_id as "patientId", t.d30, t.d60, t.d90, t.over, t.balance, t.invoices,
                 1::bigint as patients, p.mrn, ${patientName} as "patientName"
          from (select * from per order by balance desc, patient_id limit ${limit}) t
          join patients p on p.id = t.patient_id
          order by t.balance desc, t.patient_id
        ) top
        union all
        select null, sum(d30)::bigint, sum(d60)::bigint, sum(d90)::bigint, sum(over)::bigint,
               coalesce(sum(balance), 0)::bigint, coalesce(sum(invoices), 0)::bigint, count(*)::bigint, null, null
        from per`;
}

/**
 * The patients who owe most (at most `limit`) and the sums over all of them, from one pass over the open
 * invoices: the total row is the one with a null patient.
 */
export async function ageingByPatient(db: Executor, asOf: string, w: ReportWindow, limit: number) {
  type Row = AgeingSums & {
    patientId: string | null;
    mrn: string | null;
    patientName: string | null;
    patients: Big;
  };
  const rows = await queryRows<Row>(db, ageingQuery(asOf, w, limit));
  const total = rows.find((r) => r.patientId === null) as Row;
  const patients = rows.filter(
    (r): r is Row & { patientId: string; mrn: string; patientName: string } => r.patientId !== null,
  );
  return { patients, total };
}

export type DiscountRow = {
  scope: 'line' | 'invoice';
  kindId: string | null;
  kindCode: string | null;
  kindNameEn: string | null;
  kindNameEs: string | null;
  grantedById: string | null;
  grantedByName: string | null;
  invoices: Big;
  amount: Big;
};

/**
 * Discounts on invoices issued in the window and not voided. A line's discount is put down to whoever drafted
 * the invoice (lines keep no granter of their own); the invoice-wide one to the user who granted it.
 */
export function discountsByKindAndGranter(db: Executor, w: ReportWindow) {
  const issued = sql`i.status not in ('draft', 'void') and i.issued_at >= ${w.start}::timestamptz and i.issued_at < ${w.end}::timestamptz`;
  return queryRows<DiscountRow>(
    db,
    sql`select g.scope, g.kind_id as "kindId", k.code as "kindCode", k.name_en as "kindNameEn",
               k.name_es as "kindNameEs", g.granted_by as "grantedById", u.name as "grantedByName",
               g.invoices, g.amount
        from (
          select 'line' as scope, l.discount_kind_id as kind_id, i.created_by as granted_by,
                 count(distinct i.id)::bigint as invoices, sum(l.line_discount_minor)::bigint as amount
          from invoice_lines l join invoices i on i.id = l.invoice_id
          where ${issued} and l.line_discount_minor > 0
          group by 2, 3
          union all
          select 'invoice', i.discount_kind_id, i.discount_granted_by,
                 count(distinct i.id)::bigint, sum(l.invoice_discount_minor)::bigint
          from invoice_lines l join invoices i on i.id = l.invoice_id
          where ${issued} and l.invoice_discount_minor > 0
          group by 2, 3
        ) g
        left join discount_kinds k on k.id = g.kind_id
        left join users u on u.id = g.granted_by
        order by g.amount desc, k.code, u.name`,
  );
}

export function refundList(db: Executor, w: ReportWindow, limit: number) {
  return queryRows<{
    id: string;
    number: string;
    createdAt: Date | string;
    invoiceNumber: string | null;
    patientName: string;
    method: string;
    amount: Big;
    reason: string;
  }>(
    db,
    sql`select r.id, r.number, r.created_at as "createdAt", i.number as "invoiceNumber",
               ${patientName} as "patientName", r.method, r.amount_minor as amount, r.reason
        from refunds r
        join patients p on p.id = r.patient_id
        left join invoices i on i.id = r.invoice_id
        where r.created_at >= ${w.start}::timestamptz and r.created_at < ${w.end}::timestamptz
        order by r.created_at, r.number
        limit ${limit}`,
  );
}

export async function refundTotal(db: Executor, w: ReportWindow) {
  const [row] = await queryRows<{ count: Big; amount: Big }>(
    db,
    sql`select count(*)::bigint as count, coalesce(sum(amount_minor), 0)::bigint as amount
        from refunds where created_at >= ${w.start}::timestamptz and created_at < ${w.end}::timestamptz`,
  );
  return row as { count: Big; amount: Big };
}
