import '@mantine/charts/styles.css';
import { type BillingReports, PAYMENT_METHODS } from '@carebase/contracts';
import { BarChart, DonutChart } from '@mantine/charts';
import { Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { ReportTable } from './report-table.tsx';

const METHOD_COLORS: Record<(typeof PAYMENT_METHODS)[number], string> = {
  cash: 'teal.6',
  card: 'blue.6',
  bank_transfer: 'violet.6',
  e_wallet: 'orange.6',
  insurance: 'cyan.6',
  other: 'gray.6',
};

function useReportFormat() {
  const { t } = useTranslation();
  const format = useFormatters();
  const methodName = (m: (typeof PAYMENT_METHODS)[number]) => t(`billing.reports.methods.${m}`);
  /** A period row's name: its first day, as the user writes dates. */
  const period = (day: string) => format.date(day);
  return { t, format, money: format.money, methodName, period };
}

function ChartBox({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      {children}
    </figure>
  );
}

type Flow = { receivedMinor: number; refundedMinor: number; netMinor: number };

/** Received, refunded and net: the money columns of the revenue and method reports. */
function flowColumns<R extends Flow>(t: TFunction, money: (n: number) => string) {
  return [
    {
      key: 'received',
      header: t('billing.reports.columns.received'),
      numeric: true,
      cell: (r: R) => money(r.receivedMinor),
    },
    {
      key: 'refunded',
      header: t('billing.reports.columns.refunded'),
      numeric: true,
      cell: (r: R) => money(r.refundedMinor),
    },
    {
      key: 'net',
      header: t('billing.reports.columns.net'),
      numeric: true,
      cell: (r: R) => money(r.netMinor),
    },
  ];
}

export function RevenueView({ report }: { report: BillingReports['revenue'] }) {
  const { t, money, methodName, period } = useReportFormat();
  const used = PAYMENT_METHODS.filter((m) => report.rows.some((r) => r.byMethod[m] !== 0));
  const data = report.rows.map((r) => ({ period: period(r.period), ...r.byMethod }));
  return (
    <Stack gap="md">
      <ChartBox label={t('billing.reports.charts.revenue')}>
        <BarChart
          h={280}
          data={data}
          dataKey="period"
          type="stacked"
          valueFormatter={money}
          withLegend
          series={used.map((m) => ({ name: m, label: methodName(m), color: METHOD_COLORS[m] }))}
        />
      </ChartBox>
      <ReportTable
        caption={t('billing.reports.titles.revenue')}
        rows={report.rows}
        rowKey={(r) => r.period}
        columns={[
          { key: 'period', header: t('billing.reports.columns.period'), cell: (r) => period(r.period) },
          ...flowColumns<(typeof report.rows)[number]>(t, money),
          ...used.map((m) => ({
            key: m,
            header: methodName(m),
            numeric: true,
            cell: (r: (typeof report.rows)[number]) => money(r.byMethod[m]),
          })),
        ]}
        total={[
          t('billing.reports.total'),
          money(report.total.receivedMinor),
          money(report.total.refundedMinor),
          money(report.total.netMinor),
          ...used.map((m) => money(report.total.byMethod[m])),
        ]}
      />
    </Stack>
  );
}

type Shares = { amountMinor: number; doctorMinor: number; clinicMinor: number; taxMinor: number };
const addShares = (a: Shares, b: Shares): Shares => ({
  amountMinor: a.amountMinor + b.amountMinor,
  doctorMinor: a.doctorMinor + b.doctorMinor,
  clinicMinor: a.clinicMinor + b.clinicMinor,
  taxMinor: a.taxMinor + b.taxMinor,
});
const noShares: Shares = { amountMinor: 0, doctorMinor: 0, clinicMinor: 0, taxMinor: 0 };

function shareColumns<R extends Shares>(t: TFunction, money: (n: number) => string) {
  return [
    {
      key: 'amount',
      header: t('billing.reports.columns.collected'),
      numeric: true,
      cell: (r: R) => money(r.amountMinor),
    },
    {
      key: 'doctor',
      header: t('billing.reports.columns.doctorShare'),
      numeric: true,
      cell: (r: R) => money(r.doctorMinor),
    },
    {
      key: 'clinic',
      header: t('billing.reports.columns.clinicShare'),
      numeric: true,
      cell: (r: R) => money(r.clinicMinor),
    },
    {
      key: 'tax',
      header: t('billing.reports.columns.tax'),
      numeric: true,
      cell: (r: R) => money(r.taxMinor),
    },
  ];
}
const shareTotals = (s: Shares, money: (n: number) => string) => [
  money(s.amountMinor),
  money(s.doctorMinor),
  money(s.clinicMinor),
  money(s.taxMinor),
];

export function DoctorsView({ report }: { report: BillingReports['doctors'] }) {
  const { t, money, period } = useReportFormat();
  const byPeriod = new Map<string, Shares>();
  const byDoctor = new Map<string, Shares & { name: string }>();
  for (const r of report.rows) {
    byPeriod.set(r.period, addShares(byPeriod.get(r.period) ?? noShares, r));
    const key = r.providerId ?? '';
    const name = r.providerName ?? t('billing.reports.noDoctor');
    byDoctor.set(key, { ...addShares(byDoctor.get(key) ?? noShares, r), name });
  }
  const doctors = [...byDoctor.entries()]
    .map(([id, s]) => ({ id, ...s }))
    .sort((a, b) => b.amountMinor - a.amountMinor);
  return (
    <Stack gap="md">
      <ChartBox label={t('billing.reports.charts.doctors')}>
        <BarChart
          h={280}
          data={[...byPeriod.entries()].map(([p, s]) => ({
            period: period(p),
            doctor: s.doctorMinor,
            clinic: s.clinicMinor,
            tax: s.taxMinor,
          }))}
          dataKey="period"
          type="stacked"
          valueFormatter={money}
          withLegend
          series={[
            { name: 'doctor', label: t('billing.reports.columns.doctorShare'), color: 'blue.6' },
            { name: 'clinic', label: t('billing.reports.columns.clinicShare'), color: 'teal.6' },
            { name: 'tax', label: t('billing.reports.columns.tax'), color: 'gray.5' },
          ]}
        />
      </ChartBox>
      <ReportTable
        caption={t('billing.reports.byDoctorCaption')}
        rows={doctors}
        rowKey={(r) => r.id || 'none'}
        columns={[
          { key: 'doctor', header: t('billing.reports.columns.doctor'), cell: (r) => r.name },
          ...shareColumns<(typeof doctors)[number]>(t, money),
        ]}
        total={[t('billing.reports.total'), ...shareTotals(report.total, money)]}
      />
    </Stack>
  );
}

export function ServicesView({ report }: { report: BillingReports['services'] }) {
  const { t, money } = useReportFormat();
  return (
    <ReportTable
      caption={t('billing.reports.titles.services')}
      rows={report.rows}
      rowKey={(r) => `${r.code}:${r.kind}`}
      columns={[
        { key: 'code', header: t('billing.reports.columns.code'), cell: (r) => r.code },
        { key: 'description', header: t('billing.reports.columns.description'), cell: (r) => r.description },
        ...shareColumns<(typeof report.rows)[number]>(t, money),
      ]}
      total={[t('billing.reports.total'), '', ...shareTotals(report.total, money)]}
    />
  );
}

export function MethodsView({ report }: { report: BillingReports['methods'] }) {
  const { t, format, money, methodName } = useReportFormat();
  const slices = report.rows
    .filter((r) => r.netMinor > 0)
    .map((r) => ({ name: methodName(r.method), value: r.netMinor, color: METHOD_COLORS[r.method] }));
  return (
    <Stack gap="md">
      {slices.length > 0 ? (
        <ChartBox label={t('billing.reports.charts.methods')}>
          <DonutChart
            data={slices}
            valueFormatter={money}
            withLabels
            withLabelsLine
            size={200}
            thickness={30}
            mx="auto"
          />
        </ChartBox>
      ) : null}
      <ReportTable
        caption={t('billing.reports.titles.methods')}
        rows={report.rows}
        rowKey={(r) => r.method}
        columns={[
          { key: 'method', header: t('billing.reports.columns.method'), cell: (r) => methodName(r.method) },
          {
            key: 'count',
            header: t('billing.reports.columns.count'),
            numeric: true,
            cell: (r) => format.number(r.count),
          },
          ...flowColumns<(typeof report.rows)[number]>(t, money),
        ]}
        total={[
          t('billing.reports.total'),
          format.number(report.total.count),
          money(report.total.receivedMinor),
          money(report.total.refundedMinor),
          money(report.total.netMinor),
        ]}
      />
    </Stack>
  );
}

export function PayersView({ report }: { report: BillingReports['payers'] }) {
  const { t, format, money } = useReportFormat();
  return (
    <ReportTable
      caption={t('billing.reports.titles.payers')}
      rows={report.rows}
      rowKey={(r) => r.payerName ?? ''}
      columns={[
        {
          key: 'payer',
          header: t('billing.reports.columns.payer'),
          cell: (r) => r.payerName ?? t('billing.reports.selfPay'),
        },
        {
          key: 'invoices',
          header: t('billing.reports.columns.invoices'),
          numeric: true,
          cell: (r) => format.number(r.invoices),
        },
        ...shareColumns<(typeof report.rows)[number]>(t, money),
      ]}
      total={[
        t('billing.reports.total'),
        format.number(report.total.invoices),
        ...shareTotals(report.total, money),
      ]}
    />
  );
}

export function AgeingView({ report }: { report: BillingReports['ageing'] }) {
  const { t, format, money } = useReportFormat();
  const buckets = [
    { bucket: t('billing.reports.columns.days0to30'), amount: report.total.days0to30Minor },
    { bucket: t('billing.reports.columns.days31to60'), amount: report.total.days31to60Minor },
    { bucket: t('billing.reports.columns.days61to90'), amount: report.total.days61to90Minor },
    { bucket: t('billing.reports.columns.over90'), amount: report.total.over90Minor },
  ];
  const total = report.total;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('billing.reports.asOf', {
          date: format.date(report.asOf),
          patients: format.number(total.patients),
        })}
      </Text>
      <ChartBox label={t('billing.reports.charts.ageing')}>
        <BarChart
          h={240}
          data={buckets}
          dataKey="bucket"
          valueFormatter={money}
          series={[{ name: 'amount', label: t('billing.reports.columns.balance'), color: 'orange.6' }]}
        />
      </ChartBox>
      <ReportTable
        caption={t('billing.reports.titles.ageing')}
        rows={report.rows}
        rowKey={(r) => r.patientId}
        columns={[
          { key: 'patient', header: t('billing.reports.columns.patient'), cell: (r) => r.patientName },
          { key: 'mrn', header: t('billing.reports.columns.mrn'), cell: (r) => r.mrn },
          { key: 'd30', header: buckets[0]!.bucket, numeric: true, cell: (r) => money(r.days0to30Minor) },
          { key: 'd60', header: buckets[1]!.bucket, numeric: true, cell: (r) => money(r.days31to60Minor) },
          { key: 'd90', header: buckets[2]!.bucket, numeric: true, cell: (r) => money(r.days61to90Minor) },
          { key: 'over', header: buckets[3]!.bucket, numeric: true, cell: (r) => money(r.over90Minor) },
          {
            key: 'balance',
            header: t('billing.reports.columns.balance'),
            numeric: true,
            cell: (r) => money(r.balanceMinor),
          },
        ]}
        total={[
          t('billing.reports.total'),
          '',
          money(total.days0to30Minor),
          money(total.days31to60Minor),
          money(total.days61to90Minor),
          money(total.over90Minor),
          money(total.balanceMinor),
        ]}
      />
    </Stack>
  );
}

export function DiscountsView({ report }: { report: BillingReports['discounts'] }) {
  const { t, format, money } = useReportFormat();
  const es = format.context.language.startsWith('es');
  return (
    <ReportTable
      caption={t('billing.reports.titles.discounts')}
      rows={report.rows}
      rowKey={(r) => `${r.scope}:${r.kindId}:${r.grantedById}`}
      columns={[
        {
          key: 'scope',
          header: t('billing.reports.columns.scope'),
          cell: (r) => t(`billing.reports.scopes.${r.scope}`),
        },
        {
          key: 'kind',
          header: t('billing.reports.columns.discountKind'),
          cell: (r) => (es ? r.kindNameEs : r.kindNameEn) ?? '—',
        },
        { key: 'by', header: t('billing.reports.columns.grantedBy'), cell: (r) => r.grantedByName ?? '—' },
        {
          key: 'invoices',
          header: t('billing.reports.columns.invoices'),
          numeric: true,
          cell: (r) => format.number(r.invoices),
        },
        {
          key: 'amount',
          header: t('billing.reports.columns.discount'),
          numeric: true,
          cell: (r) => money(r.amountMinor),
        },
      ]}
      total={[
        t('billing.reports.total'),
        '',
        '',
        format.number(report.total.invoices),
        money(report.total.amountMinor),
      ]}
    />
  );
}

export function RefundsView({ report }: { report: BillingReports['refunds'] }) {
  const { t, format, money, methodName } = useReportFormat();
  return (
    <ReportTable
      caption={t('billing.reports.titles.refunds')}
      rows={report.rows}
      rowKey={(r) => r.id}
      columns={[
        { key: 'number', header: t('billing.reports.columns.creditNote'), cell: (r) => r.number },
        { key: 'date', header: t('billing.reports.columns.date'), cell: (r) => format.dateTime(r.createdAt) },
        { key: 'invoice', header: t('billing.reports.columns.invoice'), cell: (r) => r.invoiceNumber ?? '—' },
        { key: 'patient', header: t('billing.reports.columns.patient'), cell: (r) => r.patientName },
        { key: 'method', header: t('billing.reports.columns.method'), cell: (r) => methodName(r.method) },
        { key: 'reason', header: t('billing.reports.columns.reason'), cell: (r) => r.reason },
        {
          key: 'amount',
          header: t('billing.reports.columns.refunded'),
          numeric: true,
          cell: (r) => money(r.amountMinor),
        },
      ]}
      total={[
        t('billing.reports.total'),
        '',
        '',
        '',
        t('billing.reports.refundCount', { count: report.total.count }),
        '',
        money(report.total.amountMinor),
      ]}
    />
  );
}

export function TaxView({ report }: { report: BillingReports['tax'] }) {
  const { t, format, money } = useReportFormat();
  const rate = new Intl.NumberFormat(format.context.language, { style: 'percent', maximumFractionDigits: 2 });
  return (
    <ReportTable
      caption={t('billing.reports.titles.tax')}
      rows={report.rows}
      rowKey={(r) => String(r.taxRateBp)}
      columns={[
        {
          key: 'rate',
          header: t('billing.reports.columns.rate'),
          cell: (r) => rate.format(r.taxRateBp / 10000),
        },
        {
          key: 'base',
          header: t('billing.reports.columns.base'),
          numeric: true,
          cell: (r) => money(r.baseMinor),
        },
        {
          key: 'tax',
          header: t('billing.reports.columns.tax'),
          numeric: true,
          cell: (r) => money(r.taxMinor),
        },
      ]}
      total={[t('billing.reports.total'), money(report.total.baseMinor), money(report.total.taxMinor)]}
    />
  );
}
