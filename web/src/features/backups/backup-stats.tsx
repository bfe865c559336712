import type { BackupList } from '@carebase/contracts';
import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { useClock } from '../queue/use-clock.ts';
import { isBackupOverdue, runningBackup } from './backup-rules.ts';
import { useBackupFormat } from './use-backup-format.ts';

function Stat({
  label,
  value,
  hint,
  alert,
}: {
  label: string;
  value: ReactNode;
  hint: ReactNode;
  alert?: boolean;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text size="xl" fw={700} c={alert ? 'red.8' : undefined} component="div">
          {value}
        </Text>
        <Text size="sm" c={alert ? 'red.8' : 'dimmed'} component="div">
          {hint}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The three figures at the top of the page: how old the last verified backup is, the success rate, and now. */
export function BackupStats({ list }: { list: BackupList }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  const now = useClock(30_000);
  const overdue = isBackupOverdue(list.lastVerifiedAt, now);
  const running = runningBackup(list);

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" mb="lg">
      <Stat
        label={t('backups.stats.lastVerified')}
        alert={overdue}
        value={
          <Group gap="xs" wrap="nowrap">
            <span>
              {list.lastVerifiedAt ? format.age(list.lastVerifiedAt, now) : t('backups.stats.none')}
            </span>
            {overdue ? (
              <Badge color="red" variant="filled" size="sm">
                {t('backups.stats.overdue')}
              </Badge>
            ) : null}
          </Group>
        }
        hint={
          list.lastVerifiedAt ? (
            <DateTimeText value={list.lastVerifiedAt} c="inherit" />
          ) : (
            t('backups.stats.noneHint')
          )
        }
      />
      <Stat
        label={t('backups.stats.successRate')}
        value={list.successRate === null ? t('common.emptyValue') : format.share(list.successRate)}
        hint={list.successRate === null ? t('backups.stats.noRate') : t('backups.stats.rateHint')}
      />
      <Stat
        label={t('backups.stats.running')}
        value={list.running ? t('common.yes') : t('common.no')}
        hint={
          running?.progress
            ? t(`backups.phases.${running.progress.phase}`)
            : list.running
              ? t('backups.progress.starting')
              : t('backups.stats.idleHint')
        }
      />
    </SimpleGrid>
  );
}
