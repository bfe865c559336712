import { SAMPLE_RANGES, type SampleRange } from '@carebase/contracts';
import { SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { InstancesTable } from './instances-table.tsx';
import { useInstances, useSamples } from './monitoring.queries.ts';
import { IconMonitoring } from './monitoring-icon.tsx';
import { MonitoringSection } from './monitoring-section.tsx';
import { RangeControl } from './range-control.tsx';
import { SampleChart } from './sample-chart.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** The server processes now (asked every heartbeat), and their load over the period picked. */
export function InstancesTab() {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const instances = useInstances({ poll: true });
  const [range, setRange] = useState<SampleRange>('hour');
  const samples = useSamples(range);
  const points = samples.data?.points ?? [];
  const items = instances.data?.items ?? [];
  const withDay = range !== 'hour';
  return (
    <Stack gap="lg">
      <MonitoringSection
        title={t('monitoring.instances.title')}
        description={t('monitoring.instances.description')}
      >
        <QueryStates
          query={instances}
          isEmpty={items.length === 0}
          empty={<Empty icon={<IconMonitoring size={28} />} title={t('monitoring.instances.empty')} />}
        >
          <InstancesTable items={items} />
        </QueryStates>
      </MonitoringSection>
      <MonitoringSection
        title={t('monitoring.charts.overTime')}
        description={t('monitoring.instances.chartsHint')}
        actions={<RangeControl ranges={SAMPLE_RANGES} value={range} onChange={setRange} />}
      >
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <SampleChart
            title={t('monitoring.charts.cpu')}
            points={points}
            withDay={withDay}
            series={[{ field: 'cpuPercent', label: t('monitoring.charts.cpu'), color: 'blue.6' }]}
            format={(v) => format.fineShare(v / 100)}
          />
          <SampleChart
            title={t('monitoring.charts.memory')}
            points={points}
            withDay={withDay}
            series={[{ field: 'rssBytes', label: t('monitoring.charts.memory'), color: 'grape.6' }]}
            format={format.bytes}
          />
          <SampleChart
            title={t('monitoring.charts.eventLoop')}
            points={points}
            withDay={withDay}
            series={[{ field: 'eventLoopP99Ms', label: t('monitoring.charts.eventLoop'), color: 'orange.6' }]}
            format={format.ms}
          />
        </SimpleGrid>
      </MonitoringSection>
    </Stack>
  );
}
