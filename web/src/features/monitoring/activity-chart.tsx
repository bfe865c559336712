import '@mantine/charts/styles.css';
import type { Activity } from '@carebase/contracts';
import { BarChart } from '@mantine/charts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ActivityKind, auditLink } from './monitoring-rules.ts';
import { useMonitoringFormat } from './use-monitoring-format.ts';

export const ACTIVITY_KINDS: readonly ActivityKind[] = ['signIns', 'recordsOpened', 'changes', 'denied'];
export const ACTIVITY_COLORS: Record<ActivityKind, string> = {
  signIns: 'blue.6',
  recordsOpened: 'teal.6',
  changes: 'violet.6',
  denied: 'red.6',
};

/** Stacked bars per hour; a bar opens that hour in the audit trail (the table below does it by keyboard). */
export function ActivityChart({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const navigate = useNavigate();
  const rows = useMemo(
    () => activity.hours.map((hour) => ({ ...hour, label: format.time(hour.at, activity.range === 'week') })),
    [activity, format],
  );
  const { totals } = activity;
  return (
    <div
      role="img"
      aria-label={t('monitoring.activity.chartSummary', {
        hours: activity.hours.length,
        signIns: totals.signIns,
        recordsOpened: totals.recordsOpened,
        changes: totals.changes,
        denied: totals.denied,
      })}
    >
      <BarChart
        h={280}
        data={rows}
        dataKey="label"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: 'bottom', height: 28 }}
        valueFormatter={format.count}
        xAxisProps={{ minTickGap: 24 }}
        series={ACTIVITY_KINDS.map((kind) => ({
          name: kind,
          label: t(`monitoring.activity.kinds.${kind}`),
          color: ACTIVITY_COLORS[kind],
        }))}
        barProps={{
          cursor: 'pointer',
          onClick: (bar: { payload?: { at?: string } }) => {
            if (bar.payload?.at) void navigate(auditLink(bar.payload.at, 1));
          },
        }}
      />
    </div>
  );
}
