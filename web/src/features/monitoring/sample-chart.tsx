import '@mantine/charts/styles.css';
import type { Sample } from '@carebase/contracts';
import { LineChart } from '@mantine/charts';
import { Paper, Text, Title } from '@mantine/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMonitoringFormat } from './use-monitoring-format.ts';

type NumericField = {
  [K in keyof Sample]: Sample[K] extends number | null ? K : never;
}[keyof Sample];

export interface SampleSeries {
  field: NumericField;
  label: string;
  color: string;
  /** Drawn against the right axis, with `rightFormat`. */
  right?: boolean;
}

interface SampleChartProps {
  title: string;
  points: readonly Sample[];
  /** Times on the axis carry the day when the chart spans more than one. */
  withDay: boolean;
  series: SampleSeries[];
  format: (value: number) => string;
  rightFormat?: (value: number) => string;
  /** Turns a stored figure into what is drawn (a share into a percentage). */
  scale?: (field: NumericField, value: number) => number;
  /** The left axis reaches at least this high, so a flat zero line is not drawn against a made-up scale. */
  minTop?: number;
  h?: number;
}

/** A line chart of sampled figures over time, described in words for screen readers by its latest values. */
export function SampleChart({
  title,
  points,
  withDay,
  series,
  format,
  rightFormat,
  scale,
  minTop,
  h = 180,
}: SampleChartProps) {
  const { t } = useTranslation();
  const fmt = useMonitoringFormat();
  const id = useId();
  const rows = useMemo(
    () =>
      points.map((point) => {
        const row: Record<string, string | number | null> = { at: fmt.time(point.at, withDay) };
        for (const s of series) {
          const value = point[s.field];
          row[s.field] = value === null ? null : scale ? scale(s.field, value) : value;
        }
        return row;
      }),
    [points, series, withDay, scale, fmt],
  );
  const last = points[points.length - 1];
  const latest = last
    ? series
        .map((s) => {
          const value = last[s.field];
          const shown = value === null ? null : scale ? scale(s.field, value) : value;
          return `${s.label} ${shown === null ? t('common.emptyValue') : (s.right && rightFormat ? rightFormat : format)(shown)}`;
        })
        .join(', ')
    : '';
  const withRight = series.some((s) => s.right);
  return (
    <Paper withBorder p="sm" radius="md" component="figure" m={0} aria-labelledby={id}>
      <Title order={3} size="h6" id={id} mb={4}>
        {title}
      </Title>
      {points.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('monitoring.charts.noData')}
        </Text>
      ) : (
        <div role="img" aria-label={t('monitoring.charts.summary', { title, latest })}>
          <LineChart
            h={h}
            data={rows}
            dataKey="at"
            series={series.map((s) => ({
              name: s.field,
              label: s.label,
              color: s.color,
              ...(s.right ? { yAxisId: 'right' } : {}),
            }))}
            curveType="monotone"
            withDots={false}
            withLegend={series.length > 1}
            legendProps={{ verticalAlign: 'bottom', height: 24 }}
            valueFormatter={format}
            withRightYAxis={withRight}
            rightYAxisProps={{ tickFormatter: rightFormat, width: 68 }}
            yAxisProps={{
              tickFormatter: format,
              width: 68,
              ...(minTop === undefined ? {} : { domain: [0, (top: number) => Math.max(top, minTop)] }),
            }}
            xAxisProps={{ minTickGap: 32 }}
            tooltipAnimationDuration={100}
          />
        </div>
      )}
    </Paper>
  );
}
