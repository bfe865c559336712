import { Anchor, Group, List, RingProgress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { isBackupOverdue } from '../backups/backup-rules.ts';
import { useClock } from '../queue/use-clock.ts';
import { ApplicationCharts } from './application-charts.tsx';
import { useApplicationHealth } from './monitoring.queries.ts';
import { freeShare } from './monitoring-rules.ts';
import { MonitoringSection } from './monitoring-section.tsx';
import { RoutesTable } from './routes-table.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';
import { WalArchiveSection } from './wal-archive-section.tsx';

/** Requests by route, background work, live connections, backups and disk, then the same over time. */
export function ApplicationTab() {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const now = useClock(30_000);
  const health = useApplicationHealth();
  const a = health.data;
  if (health.isPending) return <TableSkeleton rows={6} />;
  if (!a) return <QueryError error={health.error} onRetry={() => void health.refetch()} />;
  const disk = freeShare(a.disk);
  const never = t('common.never');

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <StatCard
          label={t('monitoring.application.jobs')}
          value={t('monitoring.application.queued', { count: a.jobs.queued })}
          alert={a.jobs.dead > 0}
          hint={
            <>
              {t('monitoring.application.jobsHint', {
                running: a.jobs.running,
                failed: a.jobs.failedLastDay,
                dead: a.jobs.dead,
              })}{' '}
              <Anchor component={Link} to="/jobs" size="sm" c="inherit" underline="always">
                {t('monitoring.application.openJobs')}
              </Anchor>
            </>
          }
        />
        <StatCard
          label={t('monitoring.application.outbox')}
          value={t('monitoring.application.pending', { count: a.outbox.pending })}
          alert={a.outbox.failedLastDay > 0}
          hint={t('monitoring.application.outboxHint', {
            failed: a.outbox.failedLastDay,
            held: a.outbox.held,
          })}
        />
        <StatCard
          label={t('monitoring.application.websockets')}
          value={format.count(a.websockets)}
          hint={t('monitoring.application.websocketsHint')}
        />
        <StatCard
          label={t('monitoring.application.lastVerified')}
          value={a.backups.lastVerifiedAt ? format.age(a.backups.lastVerifiedAt, now) : never}
          alert={isBackupOverdue(a.backups.lastVerifiedAt, now)}
          hint={
            a.backups.lastFailedAt ? (
              <>
                {t('monitoring.application.lastFailed')}{' '}
                <DateTimeText value={a.backups.lastFailedAt} c="inherit" />
              </>
            ) : a.backups.lastVerifiedAt ? (
              t('monitoring.application.noFailedBackup')
            ) : (
              t('backups.stats.noneHint')
            )
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <MonitoringSection title={t('monitoring.application.disk')}>
          {a.disk && disk !== null ? (
            <Group gap="md" wrap="nowrap">
              <RingProgress
                size={110}
                thickness={12}
                roundCaps
                sections={[
                  { value: (1 - disk) * 100, color: disk < 0.1 ? 'red' : disk < 0.2 ? 'orange' : 'teal' },
                ]}
                label={
                  <Text ta="center" fw={700} size="sm">
                    {format.fineShare(disk)}
                  </Text>
                }
                aria-label={t('monitoring.application.diskRing', { share: format.fineShare(disk) })}
              />
              <Stack gap={2}>
                <Text size="sm">
                  {t('monitoring.overview.diskOf', {
                    free: format.bytes(a.disk.freeBytes),
                    total: format.bytes(a.disk.totalBytes),
                  })}
                </Text>
                <Text size="xs" c="dimmed" className="break-anywhere">
                  {t('monitoring.application.diskPath', { path: a.disk.path })}
                </Text>
              </Stack>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('monitoring.application.diskUnknown')}
            </Text>
          )}
        </MonitoringSection>
        <MonitoringSection title={t('monitoring.application.schedules')}>
          {a.schedules.failing.length === 0 ? (
            <Text size="sm" c="teal.8">
              {t('monitoring.application.schedulesOk', { count: a.schedules.total })}
            </Text>
          ) : (
            <>
              <Text size="sm" c="red.8" fw={600}>
                {t('monitoring.application.schedulesFailing', { count: a.schedules.failing.length })}
              </Text>
              <List size="sm" mt={4}>
                {a.schedules.failing.map((name) => (
                  <List.Item key={name} ff="monospace">
                    {name}
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {a.jobs.oldestQueuedAt ? (
            <Text size="xs" c="dimmed" mt="xs" component="div">
              {t('monitoring.application.oldestQueued')}{' '}
              <DateTimeText value={a.jobs.oldestQueuedAt} size="xs" />
            </Text>
          ) : null}
        </MonitoringSection>
        <WalArchiveSection wal={a.walArchive} />
      </SimpleGrid>
      <MonitoringSection
        title={t('monitoring.application.routes')}
        description={t('monitoring.application.routesHint', { count: a.routeWindowMinutes })}
      >
        {a.routes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('monitoring.application.noRoutes')}
          </Text>
        ) : (
          <RoutesTable routes={a.routes} />
        )}
      </MonitoringSection>
      <ApplicationCharts />
    </Stack>
  );
}
