import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatCard } from '../../components/stat-card.tsx';
import { isBackupOverdue } from '../backups/backup-rules.ts';
import { useClock } from '../queue/use-clock.ts';
import { FiringAlertsList } from './firing-alerts-list.tsx';
import { useAlerts, useApplicationHealth, useInstances, useSamples } from './monitoring.queries.ts';
import { freeShare, systemNow } from './monitoring-rules.ts';
import { MonitoringSection } from './monitoring-section.tsx';
import { SampleChart } from './sample-chart.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** Disk free below this share is shown in red, as the shipped disk rule warns at 10 %. */
const LOW_DISK = 0.1;

/** What needs attention, the key figures now, and the last hour's traffic. */
export function OverviewTab() {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const now = useClock(30_000);
  const firing = useAlerts({ status: 'firing', pageSize: 50 });
  const instances = useInstances({ poll: true });
  const app = useApplicationHealth();
  const samples = useSamples('hour');
  const live = systemNow(instances.data?.items ?? []);
  const a = app.data;
  const disk = freeShare(a?.disk ?? null);
  const dash = t('common.emptyValue');
  const firingItems = firing.data?.items ?? [];

  return (
    <Stack gap="lg">
      <MonitoringSection
        title={t('monitoring.overview.firingTitle')}
        actions={
          <Anchor component={Link} to="/monitoring?tab=alerts" size="sm">
            {t('monitoring.overview.seeAlerts')}
          </Anchor>
        }
      >
        {firing.isSuccess && firingItems.length === 0 ? (
          <Text size="sm" c="teal.8">
            {t('monitoring.alerts.noneFiring')}
          </Text>
        ) : (
          <FiringAlertsList alerts={firingItems} />
        )}
      </MonitoringSection>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <StatCard
          label={t('monitoring.overview.instancesUp')}
          value={instances.data ? format.count(live.up) : dash}
          hint={t('monitoring.overview.instancesKnown', { count: instances.data?.items.length ?? 0 })}
          alert={instances.isSuccess && live.up === 0}
        />
        <StatCard
          label={t('monitoring.overview.requests')}
          value={instances.data ? format.count(live.requestsPerMinute) : dash}
          hint={t('monitoring.overview.requestsHint')}
        />
        <StatCard
          label={t('monitoring.overview.errorRate')}
          value={instances.data ? format.fineShare(live.errorRate) : dash}
          hint={t('monitoring.overview.errorRateHint')}
          alert={live.errorRate > 0.01}
        />
        <StatCard
          label={t('monitoring.overview.p99')}
          value={format.ms(live.p99Ms)}
          hint={t('monitoring.overview.p99Hint')}
          alert={live.p99Ms !== null && live.p99Ms > 1000}
        />
        <StatCard
          label={t('monitoring.overview.diskFree')}
          value={disk === null ? dash : format.fineShare(disk)}
          hint={
            a?.disk
              ? t('monitoring.overview.diskOf', {
                  free: format.bytes(a.disk.freeBytes),
                  total: format.bytes(a.disk.totalBytes),
                })
              : t('monitoring.application.diskUnknown')
          }
          alert={disk !== null && disk < LOW_DISK}
        />
        <StatCard
          label={t('monitoring.overview.lastBackup')}
          value={
            a?.backups.lastVerifiedAt ? format.age(a.backups.lastVerifiedAt, now) : t('backups.stats.none')
          }
          hint={
            <Anchor component={Link} to="/backups" size="sm" c="inherit" underline="always">
              {t('monitoring.overview.openBackups')}
            </Anchor>
          }
          alert={a !== undefined && isBackupOverdue(a.backups.lastVerifiedAt, now)}
        />
        <StatCard
          label={t('monitoring.overview.jobsQueued')}
          value={a ? format.count(a.jobs.queued) : dash}
          hint={
            a
              ? t('monitoring.overview.jobsHint', { running: a.jobs.running, failed: a.jobs.failedLastDay })
              : null
          }
          alert={a !== undefined && a.jobs.dead > 0}
        />
        <StatCard
          label={t('monitoring.overview.outboxPending')}
          value={a ? format.count(a.outbox.pending) : dash}
          hint={a ? t('monitoring.overview.outboxHint', { failed: a.outbox.failedLastDay }) : null}
          alert={a !== undefined && a.outbox.failedLastDay > 0}
        />
      </SimpleGrid>
      <SampleChart
        title={t('monitoring.overview.chartTitle')}
        points={samples.data?.points ?? []}
        withDay={false}
        h={220}
        series={[
          { field: 'requestsPerMinute', label: t('monitoring.charts.requests'), color: 'teal.6' },
          { field: 'p99Ms', label: t('monitoring.charts.p99Ms'), color: 'orange.6', right: true },
        ]}
        format={format.count}
        rightFormat={format.ms}
      />
    </Stack>
  );
}
