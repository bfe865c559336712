import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryTable } from '../../components/catalog/query-table.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { useDimseActivity } from './imaging.queries.ts';
import { hexCode } from './stow.ts';

function StatusCell({ status }: { status: number | null }) {
  const { t } = useTranslation();
  if (status === null)
    return (
      <Text size="sm" c="dimmed">
        {t('common.emptyValue')}
      </Text>
    );
  // 0x0000 success; 0xFF00/0xFF01 pending; 0xB000-0xBFFF warnings; anything else a failure.
  const color =
    status === 0
      ? 'teal'
      : status >= 0xff00
        ? 'blue'
        : status >= 0xb000 && status < 0xc000
          ? 'yellow'
          : 'red';
  return (
    <Badge size="sm" variant="light" color={color} ff="monospace">
      {status === 0 ? t('imaging.activity.success') : hexCode(status)}
    </Badge>
  );
}

/** What DIMSE associations did, newest first, refreshed every few seconds. */
export function ActivityTab() {
  const { t, i18n } = useTranslation();
  const activity = useDimseActivity();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('imaging.activity.hint')}
      </Text>
      <QueryTable
        query={activity}
        minWidth={960}
        empty={<Empty title={t('imaging.activity.empty')} description={t('imaging.activity.emptyHint')} />}
        head={
          <>
            <Table.Th>{t('imaging.activity.at')}</Table.Th>
            <Table.Th>{t('imaging.activity.direction')}</Table.Th>
            <Table.Th>{t('imaging.activity.peer')}</Table.Th>
            <Table.Th>{t('imaging.activity.operation')}</Table.Th>
            <Table.Th>{t('imaging.activity.status')}</Table.Th>
            <Table.Th ta="right">{t('imaging.activity.duration')}</Table.Th>
            <Table.Th>{t('imaging.activity.detail')}</Table.Th>
          </>
        }
      >
        {(items) =>
          items.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td className="nowrap">
                <DateTimeText value={row.at} />
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="outline" color={row.direction === 'in' ? 'blue' : 'grape'}>
                  {t(`imaging.activity.${row.direction}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {row.peerAeTitle || t('common.emptyValue')}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.peerHost}
                </Text>
              </Table.Td>
              <Table.Td>{row.operation}</Table.Td>
              <Table.Td>
                <StatusCell status={row.status} />
              </Table.Td>
              <Table.Td ta="right" className="nowrap">
                {row.durationMs === null
                  ? t('common.emptyValue')
                  : t('imaging.activity.ms', { ms: number.format(row.durationMs) })}
              </Table.Td>
              <Table.Td maw={320}>
                <Text size="xs" className="break-anywhere">
                  {row.detail}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </QueryTable>
    </Stack>
  );
}
