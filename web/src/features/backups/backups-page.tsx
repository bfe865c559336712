import { Alert, Button, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { IconAlert } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useErrorMessage } from '../../components/use-error-message.ts';
import { BackupDrawer } from './backup-drawer.tsx';
import { IconBackup } from './backup-icon.tsx';
import { BackupProgressCard } from './backup-progress-card.tsx';
import { runningBackup } from './backup-rules.ts';
import { BackupScheduleCard } from './backup-schedule-card.tsx';
import { BackupStats } from './backup-stats.tsx';
import { useBackups, useStartBackup } from './backups.queries.ts';
import { BackupsTable } from './backups-table.tsx';

/** `/backups`: how recent and how reliable the backups are, the one running now, and every backup made. */
export function BackupsPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const backups = useBackups();
  const start = useStartBackup();
  const [openId, setOpenId] = useState<string | null>(null);
  const list = backups.data;
  const items = list?.items ?? [];
  const running = runningBackup(list);

  return (
    <>
      <PageHeader
        title={t('backups.title')}
        description={t('backups.description')}
        actions={
          <Button
            leftSection={<IconBackup size={16} />}
            loading={start.isPending}
            disabled={!list || list.running}
            onClick={() => start.mutate()}
          >
            {t('backups.start')}
          </Button>
        }
      />
      {start.isError ? (
        <Alert
          color="red"
          icon={<IconAlert size={18} />}
          title={t('backups.refused')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => start.reset()}
          mb="lg"
          role="alert"
        >
          {errorMessage(start.error)}
        </Alert>
      ) : null}
      {list ? <BackupStats list={list} /> : null}
      {running ? <BackupProgressCard backup={running} /> : null}
      <BackupScheduleCard />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="backups-history-title">
        <Title order={2} size="h4" id="backups-history-title">
          {t('backups.history.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('backups.history.description')}
        </Text>
        <QueryStates
          query={backups}
          isEmpty={items.length === 0}
          empty={
            <Empty
              icon={<IconBackup size={28} />}
              title={t('backups.empty')}
              description={t('backups.emptyHint')}
            />
          }
        >
          <BackupsTable items={items} busy={backups.isFetching} onOpen={setOpenId} />
        </QueryStates>
      </Paper>
      <BackupDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
