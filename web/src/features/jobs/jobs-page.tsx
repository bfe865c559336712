import { JOB_STATUSES, type Job, JobQuerySchema } from '@carebase/contracts';
import { Badge, Button, Code, Group, Paper, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconClock, IconRefresh } from '../../components/icons.tsx';
import { LastErrorCell } from '../../components/last-error-cell.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useUrlQuery } from '../../components/use-url-query.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { JobSchedulesSection } from './job-schedules-section.tsx';
import { useJobs, useRetryJob } from './jobs.queries.ts';

type JobStatus = Job['status'];
const STATUS_COLORS: Record<JobStatus, string> = {
  queued: 'blue',
  running: 'cyan',
  done: 'teal',
  failed: 'orange',
  dead: 'red',
};

export function canRetryJob(job: Pick<Job, 'status'>): boolean {
  return job.status === 'failed' || job.status === 'dead';
}

function RetryJobButton({ job }: { job: Job }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const retry = useRetryJob();
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconRefresh size={14} />}
      loading={retry.isPending}
      onClick={() =>
        retry.mutate(job.id, { onSuccess: () => notify.success(t('jobs.retried')), onError: notify.error })
      }
    >
      {t('jobs.retry')}
    </Button>
  );
}

/** `/jobs`: the recurring schedules, then the one-off background jobs, failures first. */
export function JobsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canRetry = hasPermission(me, 'jobs:write');
  const [query, setQuery] = useUrlQuery(JobQuerySchema);
  const jobs = useJobs(query);
  const [kind, setKind] = useState(query.kind ?? '');
  const [debouncedKind] = useDebouncedValue(kind, 300);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text triggers a search
  useEffect(() => {
    if (debouncedKind.trim() !== (query.kind ?? '')) setQuery({ kind: debouncedKind.trim() });
  }, [debouncedKind]);

  let content: ReactNode;
  if (jobs.isPending) content = <TableSkeleton />;
  else if (jobs.isError) content = <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />;
  else if (jobs.data.items.length === 0)
    content = (
      <Empty icon={<IconClock size={28} />} title={t('jobs.empty')} description={t('jobs.emptyHint')} />
    );
  else
    content = (
      <>
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing="sm" highlightOnHover aria-busy={jobs.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('jobs.columns.kind')}</Table.Th>
                <Table.Th>{t('jobs.columns.status')}</Table.Th>
                <Table.Th>{t('jobs.columns.attempts')}</Table.Th>
                <Table.Th>{t('jobs.columns.runAt')}</Table.Th>
                <Table.Th>{t('jobs.columns.lastError')}</Table.Th>
                <Table.Th>{t('jobs.columns.created')}</Table.Th>
                <Table.Th>{t('jobs.columns.finished')}</Table.Th>
                {canRetry ? (
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data.items.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>
                    <Code>{job.kind}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[job.status]} variant="light">
                      {t(`jobs.statuses.${job.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="nowrap">
                    {t('jobs.attemptsOf', { attempts: job.attempts, max: job.maxAttempts })}
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <DateTimeText value={job.runAt} />
                  </Table.Td>
                  <LastErrorCell error={job.lastError} />
                  <Table.Td className="nowrap">
                    <DateTimeText value={job.createdAt} />
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <DateTimeText value={job.finishedAt} />
                  </Table.Td>
                  {canRetry ? (
                    <Table.Td ta="right">{canRetryJob(job) ? <RetryJobButton job={job} /> : null}</Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <ListFooter
          total={jobs.data.total}
          page={query.page}
          pageSize={query.pageSize}
          onPage={(page) => setQuery({ page })}
          onPageSize={(pageSize) => setQuery({ pageSize })}
        />
      </>
    );

  return (
    <>
      <PageHeader title={t('jobs.title')} description={t('jobs.description')} />
      <JobSchedulesSection />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="one-off-jobs-title">
        <Title order={2} size="h4" id="one-off-jobs-title">
          {t('jobs.oneOff.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('jobs.oneOff.description')}
        </Text>
        <Group mb="md" gap="sm" align="flex-end">
          <Select
            label={t('jobs.status')}
            placeholder={t('jobs.anyStatus')}
            data={JOB_STATUSES.map((status) => ({ value: status, label: t(`jobs.statuses.${status}`) }))}
            value={query.status ?? null}
            onChange={(status) => setQuery({ status })}
            clearable
            w={{ base: '100%', sm: 200 }}
          />
          <TextInput
            label={t('jobs.kind')}
            placeholder={t('jobs.kindPlaceholder')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            type="search"
            w={{ base: '100%', sm: 240 }}
          />
        </Group>
        {content}
      </Paper>
    </>
  );
}
