import '@mantine/charts/styles.css';
import type { VitalMeasure } from '@carebase/contracts';
import { LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { unitOf } from './vitals-form.tsx';
import { hasAny, type VitalsChartRow } from './vitals-model.ts';

type Key = VitalMeasure | 'bmi';

interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  series: { name: Key; label: string; color: string }[];
}

function TrendChart({ spec, rows }: { spec: ChartSpec; rows: (VitalsChartRow & { label: string })[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const keys = spec.series.map((s) => s.name);
  const shown = rows.filter((row) => keys.some((key) => row[key] !== undefined));
  const latest = shown[shown.length - 1];
  const summary = latest
    ? spec.series
        .filter((s) => latest[s.name] !== undefined)
        .map((s) => `${s.label} ${format.number(latest[s.name] ?? 0)} ${spec.unit}`)
        .join(', ')
    : '';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${spec.id}-title`}>
      <Title order={3} fz="h5" id={`${spec.id}-title`} mb={4}>
        {spec.title}{' '}
        <Text span c="dimmed" size="sm" fw={400}>
          ({spec.unit})
        </Text>
      </Title>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('vitals.noReadings')}
        </Text>
      ) : (
        <>
          <Text size="xs" c="dimmed" mb="xs">
            {t('vitals.chartSummary', { count: shown.length, latest: summary })}
          </Text>
          <div
            role="img"
            aria-label={t('vitals.chartAlt', { title: spec.title, count: shown.length, latest: summary })}
          >
            <LineChart
              h={200}
              data={shown}
              dataKey="label"
              series={spec.series.map((s) => ({ name: s.name, label: s.label, color: s.color }))}
              curveType="linear"
              connectNulls
              withLegend={spec.series.length > 1}
              valueFormatter={(value) => format.number(Math.round(value * 10) / 10)}
              yAxisProps={{ domain: ['auto', 'auto'], width: 48 }}
              xAxisProps={{ minTickGap: 24 }}
            />
          </div>
        </>
      )}
    </Paper>
  );
}

/** Trends of the vitals recorded: blood pressure, heart rate, temperature, SpO2, weight and BMI. */
export function VitalsCharts({ rows }: { rows: VitalsChartRow[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const labelled = useMemo(
    () => rows.map((row) => ({ ...row, label: format.dateTime(row.at) })),
    [rows, format],
  );
  const specs: ChartSpec[] = [
    {
      id: 'chart-bp',
      title: t('vitals.bloodPressure'),
      unit: 'mmHg',
      series: [
        { name: 'systolic', label: t('vitals.measures.systolic'), color: 'red.6' },
        { name: 'diastolic', label: t('vitals.measures.diastolic'), color: 'blue.6' },
      ],
    },
    {
      id: 'chart-hr',
      title: t('vitals.measures.heartRate'),
      unit: unitOf('heartRate'),
      series: [{ name: 'heartRate', label: t('vitals.measures.heartRate'), color: 'pink.6' }],
    },
    {
      id: 'chart-temp',
      title: t('vitals.measures.temperatureC'),
      unit: unitOf('temperatureC'),
      series: [{ name: 'temperatureC', label: t('vitals.measures.temperatureC'), color: 'orange.6' }],
    },
    {
      id: 'chart-spo2',
      title: t('vitals.measures.spo2'),
      unit: unitOf('spo2'),
      series: [{ name: 'spo2', label: t('vitals.measures.spo2'), color: 'cyan.6' }],
    },
    {
      id: 'chart-weight',
      title: t('vitals.measures.weightKg'),
      unit: unitOf('weightKg'),
      series: [{ name: 'weightKg', label: t('vitals.measures.weightKg'), color: 'teal.6' }],
    },
    {
      id: 'chart-bmi',
      title: t('vitals.measures.bmi'),
      unit: unitOf('bmi'),
      series: [{ name: 'bmi', label: t('vitals.measures.bmi'), color: 'grape.6' }],
    },
  ];
  if (!hasAny(rows, ['systolic', 'diastolic', 'heartRate', 'temperatureC', 'spo2', 'weightKg', 'bmi']))
    return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {specs.map((spec) => (
        <TrendChart key={spec.id} spec={spec} rows={labelled} />
      ))}
    </SimpleGrid>
  );
}
