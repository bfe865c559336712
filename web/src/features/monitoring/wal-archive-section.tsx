import type { ApplicationHealth } from '@carebase/contracts';
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { MonitoringSection } from './monitoring-section.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** Whether the WAL archive behind point-in-time recovery is being fed, or that it is off. */
export function WalArchiveSection({ wal }: { wal: ApplicationHealth['walArchive'] }) {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  return (
    <MonitoringSection title={t('monitoring.application.wal.title')}>
      {wal === null ? (
        <Text size="sm" c="dimmed">
          {t('monitoring.application.wal.off')}
        </Text>
      ) : (
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color={wal.receiving ? 'teal' : 'red'} variant="light">
              {wal.receiving
                ? t('monitoring.application.wal.receiving')
                : t('monitoring.application.wal.stopped')}
            </Badge>
            <Text size="sm" ff="monospace">
              {wal.slot}
            </Text>
          </Group>
          <Text size="sm">
            {wal.lagBytes === null
              ? t('monitoring.application.wal.noSlot')
              : t('monitoring.application.wal.lag', { size: format.bytes(wal.lagBytes) })}
          </Text>
          <Text size="sm" component="div">
            {t('monitoring.application.wal.lastWritten')}{' '}
            {wal.lastWrittenAt ? <DateTimeText value={wal.lastWrittenAt} /> : t('common.never')}
          </Text>
        </Stack>
      )}
    </MonitoringSection>
  );
}
