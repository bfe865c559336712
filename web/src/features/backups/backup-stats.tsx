import type { BackupList } from '@carebase/contracts';
import { Badge, Group, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { useClock } from '../queue/use-clock.ts';
import { isBackupOverdue, runningBackup } from './backup-rules.ts';
import { useBackupFormat } from './use-backup-format.ts';

/** The three figures at the top of the page: how old the last verified backup is, the success rate, and now. */
export function BackupStats({ list }: { list: BackupList }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  const now = useClock(30_000);
  const overdue = isBackupOverdue(list.lastVerifiedAt, now);
  const running = runningBackup(list);

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" mb="lg">
      <StatCard
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
      <StatCard
        label={t('backups.stats.successRate')}
        value={list.successRate === null ? t('common.emptyValue') : format.share(list.successRate)}
        hint={list.successRate === null ? t('backups.stats.noRate') : t('backups.stats.rateHint')}
      />
      <StatCard
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
