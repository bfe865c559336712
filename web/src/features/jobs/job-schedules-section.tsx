import type { JobSchedule } from '@carebase/contracts';
import { Badge, Code, Paper, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { LastErrorCell } from '../../components/last-error-cell.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useJobSchedules } from './jobs.queries.ts';
import { intervalParts } from './schedule-interval.ts';

function OutcomeBadge({ schedule }: { schedule: JobSchedule }) {
  const { t } = useTranslation();
  if (schedule.running)
    return (
      <Badge color="cyan" variant="light">
        {t('jobs.schedules.outcomes.running')}
      </Badge>
    );
  if (!schedule.lastOutcome)
    return (
      <Badge color="gray" variant="light">
        {t('jobs.schedules.outcomes.never')}
      </Badge>
    );
  return (
    <Badge color={schedule.lastOutcome === 'ok' ? 'teal' : 'red'} variant="light">
      {t(`jobs.schedules.outcomes.${schedule.lastOutcome}`)}
    </Badge>
  );
}

/** The recurring jobs of the Jobs page: one row each, with how its last run went and when it runs next. */
export function JobSchedulesSection() {
  const { t } = useTranslation();
  const schedules = useJobSchedules();

  let content: ReactNode;
  if (schedules.isPending) content = <TableSkeleton />;
  else if (schedules.isError)
    content = <QueryError error={schedules.error} onRetry={() => void schedules.refetch()} />;
  else if (schedules.data.items.length === 0)
    content = (
      <Text size="sm" c="dimmed">
        {t('jobs.schedules.empty')}
      </Text>
    );
  else
    content = (
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" aria-busy={schedules.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('jobs.schedules.columns.name')}</Table.Th>
              <Table.Th>{t('jobs.schedules.columns.every')}</Table.Th>
              <Table.Th>{t('jobs.schedules.columns.lastRun')}</Table.Th>
              <Table.Th>{t('jobs.schedules.columns.outcome')}</Table.Th>
              <Table.Th>{t('jobs.columns.lastError')}</Table.Th>
              <Table.Th>{t('jobs.schedules.columns.nextRun')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schedules.data.items.map((schedule) => {
              const every = intervalParts(schedule.intervalMs);
              return (
                <Table.Tr key={schedule.name}>
                  <Table.Td>
                    <Code>{schedule.name}</Code>
                  </Table.Td>
                  <Table.Td className="nowrap">
                    {t(`jobs.schedules.every.${every.unit}`, { count: every.count })}
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <DateTimeText value={schedule.lastRunAt} />
                  </Table.Td>
                  <Table.Td>
                    <OutcomeBadge schedule={schedule} />
                  </Table.Td>
                  <LastErrorCell error={schedule.lastError} />
                  <Table.Td className="nowrap">
                    <DateTimeText value={schedule.nextRunAt} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Paper withBorder p="md" radius="md" mb="md" component="section" aria-labelledby="job-schedules-title">
      <Title order={2} size="h4" id="job-schedules-title">
        {t('jobs.schedules.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('jobs.schedules.description')}
      </Text>
      {content}
    </Paper>
  );
}
