import type { BackupDetail } from '@carebase/contracts';
import { Button, Code, Drawer, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { IconDownload } from '../../components/icons.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { BackupStatusBadge } from './backup-status-badge.tsx';
import { useBackup } from './backups.queries.ts';
import { BackupWhere } from './backups-table.tsx';
import { useBackupFormat } from './use-backup-format.ts';

function RowCounts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  const rows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((sum, [, count]) => sum + count, 0);
  return (
    <Table striped verticalSpacing={4} aria-labelledby="backup-row-counts-title">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('backups.detail.table')}</Table.Th>
          <Table.Th ta="right">{t('backups.detail.rows')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([table, count]) => (
          <Table.Tr key={table}>
            <Table.Td ff="monospace" fz="sm">
              {table}
            </Table.Td>
            <Table.Td ta="right">{format.count(count)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr fw={700}>
          <Table.Td>{t('backups.detail.allTables', { count: rows.length })}</Table.Td>
          <Table.Td ta="right">{format.count(total)}</Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

function DetailBody({ backup }: { backup: BackupDetail }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  const dash = t('common.emptyValue');
  const facts: [string, ReactNode][] = [
    [t('backups.columns.status'), <BackupStatusBadge key="status" status={backup.status} />],
    [t('backups.columns.trigger'), t(`backups.triggers.${backup.trigger}`)],
    [t('backups.detail.startedBy'), backup.startedByName ?? t('backups.detail.system')],
    [t('backups.columns.encrypted'), backup.encrypted ? t('common.yes') : t('common.no')],
    [t('backups.columns.startedAt'), <DateTimeText key="started" value={backup.startedAt} />],
    [t('backups.detail.finishedAt'), <DateTimeText key="finished" value={backup.finishedAt} />],
    [t('backups.columns.duration'), format.duration(backup.durationMs)],
    [t('backups.columns.size'), format.bytes(backup.sizeBytes)],
    [t('backups.detail.databaseSize'), format.bytes(backup.databaseBytes)],
    [
      t('backups.detail.files'),
      backup.fileCount === null
        ? dash
        : t('backups.filesOf', {
            copied: format.count(backup.filesCopied ?? 0),
            count: format.count(backup.fileCount),
          }),
    ],
    [t('backups.detail.verifiedAt'), <DateTimeText key="verified" value={backup.verifiedAt} />],
    [t('backups.detail.verifyDuration'), format.duration(backup.verifyMs)],
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={2} spacing="sm" component="dl" className="plain-dl">
        {facts.map(([label, value]) => (
          <Stack gap={2} key={label}>
            <Text component="dt" size="xs" c="dimmed" fw={600}>
              {label}
            </Text>
            <Text component="dd" size="sm">
              {value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      <Stack gap={2}>
        <Text size="xs" c="dimmed" fw={600}>
          {t('backups.columns.destination')}
        </Text>
        <BackupWhere backup={backup} whole />
      </Stack>
      {backup.status === 'verified' ? (
        <Stack gap={4} align="flex-start">
          <Button
            component="a"
            href={`/api/operations/backups/${backup.id}/download`}
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} />}
          >
            {t('backups.detail.download')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('backups.detail.downloadHint', { key: backup.key })}
          </Text>
        </Stack>
      ) : null}
      {backup.error ? (
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('backups.detail.error')}
          </Text>
          <Code block color="red.1">
            {backup.error}
          </Code>
        </Stack>
      ) : null}
      <Stack gap={4}>
        <Title order={3} fz="h5" id="backup-row-counts-title">
          {t('backups.detail.rowCounts')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('backups.detail.rowCountsHint')}
        </Text>
        {backup.rowCounts && Object.keys(backup.rowCounts).length > 0 ? (
          <RowCounts counts={backup.rowCounts} />
        ) : (
          <Text size="sm">{t('backups.detail.noRowCounts')}</Text>
        )}
      </Stack>
    </Stack>
  );
}

/** One backup beside the list: its facts, why it failed, and the rows it holds per table. */
export function BackupDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const dates = useFormatters();
  const backup = useBackup(id);
  const title = backup.data
    ? t('backups.detail.titleOf', { date: dates.dateTime(backup.data.startedAt) })
    : t('backups.detail.title');
  return (
    <Drawer opened={id !== null} onClose={onClose} title={title} position="right" size="lg">
      {id ? (
        <QueryStates query={backup} isEmpty={false} empty={null} skeletonRows={6}>
          {backup.data ? <DetailBody backup={backup.data} /> : null}
        </QueryStates>
      ) : null}
    </Drawer>
  );
}
