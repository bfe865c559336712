import { SAMPLE_RANGES, type SampleRange } from '@carebase/contracts';
import { SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSamples } from './monitoring.queries.ts';
import { MonitoringSection } from './monitoring-section.tsx';
import { RangeControl } from './range-control.tsx';
import { SampleChart } from './sample-chart.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** Traffic, errors, latency and background work over the period picked. */
export function ApplicationCharts() {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const [range, setRange] = useState<SampleRange>('hour');
  const samples = useSamples(range);
  const points = samples.data?.points ?? [];
  const withDay = range !== 'hour';
  return (
    <MonitoringSection
      title={t('monitoring.charts.overTime')}
      actions={<RangeControl ranges={SAMPLE_RANGES} value={range} onChange={setRange} />}
    >
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SampleChart
          title={t('monitoring.charts.requests')}
          points={points}
          withDay={withDay}
          series={[{ field: 'requestsPerMinute', label: t('monitoring.charts.requests'), color: 'teal.6' }]}
          format={format.count}
        />
        <SampleChart
          title={t('monitoring.charts.errorRate')}
          points={points}
          withDay={withDay}
          series={[{ field: 'errorRate', label: t('monitoring.charts.errorRate'), color: 'red.6' }]}
          format={format.fineShare}
          minTop={0.01}
        />
        <SampleChart
          title={t('monitoring.charts.latency')}
          points={points}
          withDay={withDay}
          series={[
            { field: 'p95Ms', label: 'p95', color: 'blue.6' },
            { field: 'p99Ms', label: 'p99', color: 'orange.6' },
          ]}
          format={format.ms}
        />
        <SampleChart
          title={t('monitoring.charts.backlog')}
          points={points}
          withDay={withDay}
          series={[
            { field: 'jobsQueued', label: t('monitoring.charts.jobsQueued'), color: 'violet.6' },
            { field: 'outboxPending', label: t('monitoring.charts.outboxPending'), color: 'cyan.6' },
          ]}
          format={format.count}
        />
      </SimpleGrid>
    </MonitoringSection>
  );
}
