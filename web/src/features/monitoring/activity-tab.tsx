import { ACTIVITY_RANGES } from '@carebase/contracts';
import { Anchor, Paper, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { ACTIVITY_COLORS, ACTIVITY_KINDS, ActivityChart } from './activity-chart.tsx';
import { type ActivityRange, useActivity } from './monitoring.queries.ts';
import { auditLink } from './monitoring-rules.ts';
import { MonitoringSection } from './monitoring-section.tsx';
import { RangeControl } from './range-control.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** Who did what, per hour, from the audit trail; every figure leads to the events behind it. */
export function ActivityTab() {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const [range, setRange] = useState<ActivityRange>('day');
  const activity = useActivity(range);
  const a = activity.data;
  const first = a?.hours[0]?.at;
  const busy = a
    ? [...a.hours].reverse().filter((h) => h.signIns + h.recordsOpened + h.changes + h.denied > 0)
    : [];

  return (
    <MonitoringSection
      title={t('monitoring.activity.title')}
      description={t('monitoring.activity.description')}
      actions={<RangeControl ranges={ACTIVITY_RANGES} value={range} onChange={setRange} />}
    >
      {activity.isPending ? <TableSkeleton rows={6} /> : null}
      {!a && activity.isError ? (
        <QueryError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : null}
      {a ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            {ACTIVITY_KINDS.map((kind) => (
              <Paper
                key={kind}
                withBorder
                radius="md"
                p="sm"
                style={{
                  borderLeft: `4px solid var(--mantine-color-${ACTIVITY_COLORS[kind].replace('.', '-')})`,
                }}
              >
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t(`monitoring.activity.kinds.${kind}`)}
                </Text>
                {first ? (
                  <Anchor
                    component={Link}
                    to={auditLink(first, a.hours.length, kind)}
                    size="xl"
                    fw={700}
                    aria-label={t('monitoring.activity.totalLink', {
                      count: a.totals[kind],
                      kind: t(`monitoring.activity.kinds.${kind}`),
                    })}
                  >
                    {format.count(a.totals[kind])}
                  </Anchor>
                ) : (
                  <Text size="xl" fw={700}>
                    {format.count(a.totals[kind])}
                  </Text>
                )}
              </Paper>
            ))}
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('monitoring.activity.drillHint')}
          </Text>
          <ActivityChart activity={a} />
          <Text fw={600} size="sm">
            {t('monitoring.activity.busyHours')}
          </Text>
          {busy.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('monitoring.activity.none')}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={360} type="auto">
              <DataTable
                minWidth={560}
                striped
                stickyHeader
                head={
                  <>
                    <Table.Th>{t('monitoring.activity.hour')}</Table.Th>
                    {ACTIVITY_KINDS.map((kind) => (
                      <Table.Th key={kind} ta="right">
                        {t(`monitoring.activity.kinds.${kind}`)}
                      </Table.Th>
                    ))}
                  </>
                }
              >
                {busy.map((hour) => (
                  <Table.Tr key={hour.at}>
                    <Table.Td>
                      <Anchor component={Link} to={auditLink(hour.at, 1)} size="sm">
                        {format.time(hour.at, true)}
                      </Anchor>
                    </Table.Td>
                    {ACTIVITY_KINDS.map((kind) => (
                      <Table.Td
                        key={kind}
                        ta="right"
                        c={kind === 'denied' && hour.denied > 0 ? 'red.8' : undefined}
                      >
                        {format.count(hour[kind])}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </DataTable>
            </ScrollArea.Autosize>
          )}
        </Stack>
      ) : null}
    </MonitoringSection>
  );
}
