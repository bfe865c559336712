import type { Backup } from '@carebase/contracts';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { BackupStatusBadge } from './backup-status-badge.tsx';
import { useBackupFormat } from './use-backup-format.ts';

/** Where a backup went: the destination, with the backup's own key under it; cut to the cell unless `whole`. */
export function BackupWhere({ backup, whole = false }: { backup: Backup; whole?: boolean }) {
  const cut = whole ? { className: 'break-anywhere' } : { truncate: 'end' as const };
  return (
    <Stack gap={0} maw={whole ? undefined : 240}>
      <Text size="sm" {...cut} title={backup.destination}>
        {backup.destination}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace" {...cut} title={backup.key}>
        {backup.key}
      </Text>
    </Stack>
  );
}

/** The backups, newest first; a row (or its start time, by keyboard) opens the backup's detail. */
export function BackupsTable({
  items,
  busy,
  onOpen,
}: {
  items: Backup[];
  busy: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const dates = useFormatters();
  const format = useBackupFormat();
  const dash = t('common.emptyValue');

  return (
    <DataTable
      minWidth={960}
      verticalSpacing="sm"
      highlightOnHover
      aria-busy={busy}
      head={
        <>
          <Table.Th>{t('backups.columns.startedAt')}</Table.Th>
          <Table.Th>{t('backups.columns.trigger')}</Table.Th>
          <Table.Th>{t('backups.columns.destination')}</Table.Th>
          <Table.Th ta="right">{t('backups.columns.size')}</Table.Th>
          <Table.Th ta="right">{t('backups.columns.duration')}</Table.Th>
          <Table.Th ta="right">{t('backups.columns.files')}</Table.Th>
          <Table.Th>{t('backups.columns.encrypted')}</Table.Th>
          <Table.Th>{t('backups.columns.status')}</Table.Th>
        </>
      }
    >
      {items.map((backup) => {
        const started = dates.dateTime(backup.startedAt);
        return (
          <Table.Tr key={backup.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(backup.id)}>
            <Table.Td className="nowrap">
              <Anchor
                component="button"
                type="button"
                size="sm"
                fw={600}
                onClick={(event) => {
                  event.stopPropagation();
                  onOpen(backup.id);
                }}
                aria-label={t('backups.view', { date: started })}
              >
                <time dateTime={backup.startedAt}>{started}</time>
              </Anchor>
            </Table.Td>
            <Table.Td className="nowrap">{t(`backups.triggers.${backup.trigger}`)}</Table.Td>
            <Table.Td>
              <BackupWhere backup={backup} />
            </Table.Td>
            <Table.Td ta="right" className="nowrap">
              {format.bytes(backup.sizeBytes)}
            </Table.Td>
            <Table.Td ta="right" className="nowrap">
              {format.duration(backup.durationMs)}
            </Table.Td>
            <Table.Td ta="right" className="nowrap">
              {backup.fileCount === null
                ? dash
                : t('backups.filesOf', {
                    copied: format.count(backup.filesCopied ?? 0),
                    count: format.count(backup.fileCount),
                  })}
            </Table.Td>
            <Table.Td>{backup.encrypted ? t('common.yes') : t('common.no')}</Table.Td>
            <Table.Td miw={120} maw={280}>
              <Stack gap={4} align="flex-start">
                <BackupStatusBadge status={backup.status} />
                {backup.status === 'failed' && backup.error ? (
                  <Text size="xs" c="red.8">
                    {backup.error}
                  </Text>
                ) : null}
              </Stack>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
