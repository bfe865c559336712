import {
  BILLING_REPORTS,
  type BillingReportName,
  type BillingReports,
  REPORT_GROUPINGS,
} from '@carebase/contracts';
import { Button, Group, Paper, SegmentedControl, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconDownload } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { PERIOD_PRESETS, type PeriodPreset, presetPeriod, todayIn } from './report-period.ts';
import {
  AgeingView,
  DiscountsView,
  DoctorsView,
  MethodsView,
  PayersView,
  RefundsView,
  RevenueView,
  ServicesView,
  TaxView,
} from './report-views.tsx';
import { type ReportPeriod, reportDownloadHref, useBillingReport } from './reports.queries.ts';

const VIEWS: { [K in BillingReportName]: (p: { report: BillingReports[K] }) => ReactNode } = {
  revenue: RevenueView,
  doctors: DoctorsView,
  services: ServicesView,
  methods: MethodsView,
  payers: PayersView,
  ageing: AgeingView,
  discounts: DiscountsView,
  refunds: RefundsView,
  tax: TaxView,
};
/** Reports whose rows are periods: they take a grouping. */
const GROUPED: readonly BillingReportName[] = ['revenue', 'doctors'];

function ReportPanel<K extends BillingReportName>({ name, period }: { name: K; period: ReportPeriod }) {
  const { t, i18n } = useTranslation();
  const query = useBillingReport(name, period, true);
  const View = VIEWS[name] as (p: { report: BillingReports[K] }) => ReactNode;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t(`billing.reports.descriptions.${name}`)}
        </Text>
        <Group gap="xs">
          {(['csv', 'pdf'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              href={reportDownloadHref(name, period, format, i18n.language)}
              download
              variant="default"
              size="xs"
              leftSection={<IconDownload size={16} />}
            >
              {t(`billing.reports.download.${format}`)}
            </Button>
          ))}
        </Group>
      </Group>
      {query.isPending ? <TableSkeleton rows={6} /> : null}
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          <View report={query.data} />
        </div>
      ) : null}
    </Stack>
  );
}

/**
 * `/billing/reports`: revenue, doctors' shares, services, methods, payers, ageing, discounts, refunds and tax over
 * a period, each with its chart or table and totals, CSV and PDF downloads; billing.changed refreshes them live.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const today = todayIn(format.context.timeZone);
  const [preset, setPreset] = useState<PeriodPreset | null>('thisMonth');
  const [period, setPeriod] = useState<ReportPeriod>(() => presetPeriod('thisMonth', today));
  const [tab, setTab] = useState<BillingReportName>('revenue');
  const presets = PERIOD_PRESETS.map((p) => ({ value: p, label: t(`billing.reports.presets.${p}`) }));
  const rangeError = period.to < period.from ? t('billing.reports.toBeforeFrom') : null;

  const choosePreset = (value: string) => {
    const p = value as PeriodPreset;
    setPreset(p);
    setPeriod(presetPeriod(p, today));
  };
  const setDay = (field: 'from' | 'to', value: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    setPreset(null);
    setPeriod((p) => ({ ...p, [field]: value }));
  };

  return (
    <>
      <PageHeader title={t('billing.reports.title')} description={t('billing.reports.description')} />
      <Paper
        withBorder
        radius="md"
        p="md"
        mb="md"
        component="section"
        aria-label={t('billing.reports.period')}
      >
        <Group align="flex-end" gap="md" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="report-preset-label">
              {t('billing.reports.period')}
            </Text>
            <SegmentedControl
              visibleFrom="md"
              aria-labelledby="report-preset-label"
              value={preset ?? ''}
              onChange={choosePreset}
              data={presets}
            />
            <Select
              hiddenFrom="md"
              aria-labelledby="report-preset-label"
              value={preset}
              onChange={(v) => v && choosePreset(v)}
              data={presets}
              allowDeselect={false}
            />
          </Stack>
          <TextInput
            type="date"
            label={t('billing.reports.from')}
            value={period.from}
            onChange={(e) => setDay('from', e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('billing.reports.to')}
            value={period.to}
            onChange={(e) => setDay('to', e.currentTarget.value)}
            error={rangeError}
          />
          <Select
            label={t('billing.reports.groupBy')}
            value={period.groupBy}
            onChange={(v) => v && setPeriod((p) => ({ ...p, groupBy: v as ReportPeriod['groupBy'] }))}
            data={REPORT_GROUPINGS.map((g) => ({ value: g, label: t(`billing.reports.groupings.${g}`) }))}
            allowDeselect={false}
            disabled={!GROUPED.includes(tab)}
            w={140}
          />
        </Group>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Tabs value={tab} onChange={(v) => v && setTab(v as BillingReportName)} keepMounted={false}>
          <Tabs.List mb="md">
            {BILLING_REPORTS.map((name) => (
              <Tabs.Tab key={name} value={name}>
                {t(`billing.reports.tabs.${name}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {BILLING_REPORTS.map((name) => (
            <Tabs.Panel key={name} value={name}>
              {rangeError ? null : <ReportPanel name={name} period={period} />}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>
    </>
  );
}
