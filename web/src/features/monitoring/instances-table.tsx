import type { Instance } from '@carebase/contracts';
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { InstanceStatusBadge } from './instance-status-badge.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';

const COLUMNS = [
  'host',
  'pid',
  'version',
  'status',
  'started',
  'lastSeen',
  'cpu',
  'rss',
  'eventLoop',
  'websockets',
  'requests',
  'errorRate',
  'p50',
  'p95',
  'p99',
] as const;
const NUMERIC = new Set<string>([
  'pid',
  'cpu',
  'rss',
  'eventLoop',
  'websockets',
  'requests',
  'errorRate',
  'p50',
  'p95',
  'p99',
]);

/** Every instance with its last heartbeat's figures; ones that stopped or went silent are dimmed below. */
export function InstancesTable({ items }: { items: readonly Instance[] }) {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  return (
    <DataTable
      minWidth={1400}
      striped
      highlightOnHover
      head={COLUMNS.map((column) => (
        <Table.Th key={column} ta={NUMERIC.has(column) ? 'right' : undefined}>
          {t(`monitoring.instances.columns.${column}`)}
        </Table.Th>
      ))}
    >
      {items.map((i) => (
        <Table.Tr key={i.id} c={i.status === 'up' ? undefined : 'dimmed'}>
          <Table.Td>
            <Text size="sm" fw={600} ff="monospace">
              {i.host}
            </Text>
          </Table.Td>
          <Table.Td ta="right">{i.pid}</Table.Td>
          <Table.Td>{i.version}</Table.Td>
          <Table.Td>
            <InstanceStatusBadge status={i.status} />
          </Table.Td>
          <Table.Td>
            <DateTimeText value={i.startedAt} />
          </Table.Td>
          <Table.Td>
            <DateTimeText value={i.lastSeenAt} />
          </Table.Td>
          <Table.Td ta="right">{format.fineShare(i.cpuPercent / 100)}</Table.Td>
          <Table.Td ta="right">{format.bytes(i.rssBytes)}</Table.Td>
          <Table.Td ta="right">{format.ms(i.eventLoopP99Ms)}</Table.Td>
          <Table.Td ta="right">{format.count(i.websockets)}</Table.Td>
          <Table.Td ta="right">{format.count(i.requestsPerMinute)}</Table.Td>
          <Table.Td ta="right">{format.fineShare(i.errorRate)}</Table.Td>
          <Table.Td ta="right">{format.ms(i.p50Ms)}</Table.Td>
          <Table.Td ta="right">{format.ms(i.p95Ms)}</Table.Td>
          <Table.Td ta="right">{format.ms(i.p99Ms)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
