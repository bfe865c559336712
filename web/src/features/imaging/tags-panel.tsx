import { Badge, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconSearch } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { filterTagRows, type TagRow, tagRows } from './dicom-tags.ts';
import { isDicomJson } from './dicomweb.ts';
import { useInstanceMetadata } from './imaging.queries.ts';

function ValueCell({ row }: { row: TagRow }) {
  const { t } = useTranslation();
  switch (row.kind) {
    case 'bulk':
      return (
        <Badge size="xs" variant="light" color="gray">
          {t('imaging.tags.bulk')}
        </Badge>
      );
    case 'sequence':
      return (
        <Text size="xs" c="dimmed">
          {t('imaging.tags.items', { count: Number(row.value) })}
        </Text>
      );
    case 'empty':
      return (
        <Text size="xs" c="dimmed">
          {t('imaging.tags.empty')}
        </Text>
      );
    default:
      return (
        <Text size="xs" ff="monospace" lineClamp={3} title={row.value} className="break-anywhere">
          {row.value}
        </Text>
      );
  }
}

/** The attributes of one instance: tag, keyword, VR and value, searchable; bulk data is only named. */
export function TagsPanel({
  studyUid,
  seriesUid,
  instanceUid,
  height,
}: {
  studyUid: string;
  seriesUid: string;
  instanceUid: string | null;
  height: number;
}) {
  const { t } = useTranslation();
  const metadata = useInstanceMetadata(studyUid, seriesUid, instanceUid);
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => (isDicomJson(metadata.data) ? tagRows(metadata.data) : []), [metadata.data]);
  const shown = filterTagRows(rows, filter);

  return (
    <Stack gap="xs">
      <TextInput
        size="xs"
        label={t('imaging.tags.filter')}
        placeholder={t('imaging.tags.filterPlaceholder')}
        leftSection={<IconSearch size={14} />}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        type="search"
      />
      {metadata.isPending && instanceUid ? <TableSkeleton rows={6} /> : null}
      {metadata.isError ? (
        <QueryError error={metadata.error} onRetry={() => void metadata.refetch()} />
      ) : null}
      {metadata.isSuccess ? (
        <ScrollArea h={height} type="auto" offsetScrollbars>
          <Table
            verticalSpacing={2}
            horizontalSpacing="xs"
            fz="xs"
            stickyHeader
            aria-label={t('imaging.tags.label')}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imaging.tags.tag')}</Table.Th>
                <Table.Th>{t('imaging.tags.keyword')}</Table.Th>
                <Table.Th>{t('imaging.tags.vr')}</Table.Th>
                <Table.Th>{t('imaging.tags.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={row.path}>
                  <Table.Td className="nowrap" ff="monospace" style={{ paddingLeft: 8 + row.depth * 14 }}>
                    {row.depth > 0 ? '↳ ' : ''}
                    {row.tag}
                  </Table.Td>
                  <Table.Td className="break-anywhere">{row.keyword}</Table.Td>
                  <Table.Td ff="monospace">{row.vr}</Table.Td>
                  <Table.Td maw={260}>
                    <ValueCell row={row} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {shown.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm">
              {t('imaging.tags.none')}
            </Text>
          ) : null}
        </ScrollArea>
      ) : null}
    </Stack>
  );
}
