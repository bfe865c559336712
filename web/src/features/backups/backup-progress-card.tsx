import type { Backup } from '@carebase/contracts';
import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { progressInBytes, progressPercent } from './backup-rules.ts';
import { useBackupFormat } from './use-backup-format.ts';

/** The running backup: its phase, a bar for the phase, and how much of it is done. */
export function BackupProgressCard({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  const progress = backup.progress;
  const inBytes = progress ? progressInBytes(progress.phase) : false;
  const percent = progress && inBytes ? progressPercent(progress) : null;

  const phase = progress ? t(`backups.phases.${progress.phase}`) : t('backups.progress.starting');
  let detail = '';
  if (progress && inBytes && progress.total > 0)
    detail = t('backups.progress.bytesOf', {
      done: format.bytes(progress.done),
      total: format.bytes(progress.total),
    });
  else if (progress && inBytes && progress.done > 0)
    detail = t('backups.progress.soFar', { done: format.bytes(progress.done) });

  return (
    <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-labelledby="backup-running-title">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="backup-running-title">
            {t('backups.progress.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('backups.progress.startedAt')} <DateTimeText value={backup.startedAt} />
          </Text>
        </Group>
        <Group justify="space-between" gap="xs">
          <Text fw={600} aria-live="polite">
            {phase}
          </Text>
          <Text size="sm" c="dimmed">
            {detail}
          </Text>
        </Group>
        <Progress.Root size="lg">
          <Progress.Section
            value={percent ?? 100}
            animated
            withAria={false}
            role="progressbar"
            aria-label={t('backups.progress.label')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent === null ? undefined : Math.round(percent)}
            aria-valuetext={detail ? `${phase}: ${detail}` : phase}
          />
        </Progress.Root>
      </Stack>
    </Paper>
  );
}
