import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useChart } from '../chart/chart-context.ts';
import { useVitalsTrend } from './vitals.queries.ts';
import { VitalsCharts } from './vitals-charts.tsx';
import { VitalsForm } from './vitals-form.tsx';
import { vitalsChartRows } from './vitals-model.ts';
import { VitalsTable } from './vitals-table.tsx';

/** `/patients/:id/vitals`: trends, every reading, and a form for a new one. */
export function VitalsTab() {
  const { t } = useTranslation();
  const { patient, access } = useChart();
  const trend = useVitalsTrend(patient.id);
  const [recording, setRecording] = useState(false);
  const rows = useMemo(() => vitalsChartRows(trend.data?.items ?? []), [trend.data]);

  let content: ReactNode;
  if (trend.isPending) content = <TableSkeleton />;
  else if (trend.isError) content = <QueryError error={trend.error} onRetry={() => void trend.refetch()} />;
  else if (trend.data.items.length === 0)
    content = (
      <Empty
        title={t('vitals.empty')}
        description={access.writeChart ? t('vitals.emptyHint') : undefined}
        action={
          access.writeChart ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>
              {t('vitals.record')}
            </Button>
          ) : null
        }
      />
    );
  else
    content = (
      <Stack gap="md">
        {trend.data.truncated ? (
          <Alert color="blue" variant="light">
            {t('vitals.truncated')}
          </Alert>
        ) : null}
        <VitalsCharts rows={rows} />
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="vitals-table-title">
          <Title order={2} fz="h5" id="vitals-table-title" mb="sm">
            {t('vitals.allReadings')}
          </Title>
          <VitalsTable items={trend.data.items} />
        </Paper>
      </Stack>
    );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('vitals.description')}
        </Text>
        {access.writeChart ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>
            {t('vitals.record')}
          </Button>
        ) : null}
      </Group>
      {content}
      <Modal
        opened={recording}
        onClose={() => setRecording(false)}
        title={t('vitals.formTitle')}
        size="xl"
        centered
      >
        <VitalsForm
          patientId={patient.id}
          onDone={() => setRecording(false)}
          onCancel={() => setRecording(false)}
        />
      </Modal>
    </Stack>
  );
}
