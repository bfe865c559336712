import type { RouteFigures } from '@carebase/contracts';
import { Badge, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { nextSort, SortableTh, type SortOrder } from '../../components/sortable-th.tsx';
import { type RouteSort, sortRoutes } from './monitoring-rules.ts';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** Requests per route, busiest first; the count, errors and p95 headers sort it. */
export function RoutesTable({ routes }: { routes: readonly RouteFigures[] }) {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const [sort, setSort] = useState<{ sort: RouteSort; order: SortOrder }>({ sort: 'count', order: 'desc' });
  const onSort = (field: RouteSort) => setSort(nextSort(sort, field));
  const sorted = sortRoutes(routes, sort.sort, sort.order);
  return (
    <DataTable
      minWidth={760}
      striped
      head={
        <>
          <Table.Th>{t('monitoring.application.route')}</Table.Th>
          <SortableTh field="count" label={t('monitoring.application.count')} {...sort} onSort={onSort} />
          <SortableTh field="errors" label={t('monitoring.application.errors')} {...sort} onSort={onSort} />
          <Table.Th ta="right">{t('monitoring.application.refusals')}</Table.Th>
          <SortableTh field="p95Ms" label={t('monitoring.application.p95')} {...sort} onSort={onSort} />
          <Table.Th ta="right">{t('monitoring.application.max')}</Table.Th>
        </>
      }
    >
      {sorted.map((r) => (
        <Table.Tr key={`${r.method} ${r.route}`}>
          <Table.Td>
            <Badge variant="outline" color="gray" size="sm" mr="xs" radius="sm">
              {r.method}
            </Badge>
            <Text span size="sm" ff="monospace" className="break-anywhere">
              {r.route}
            </Text>
          </Table.Td>
          <Table.Td ta="right">{format.count(r.count)}</Table.Td>
          <Table.Td ta="right" c={r.errors > 0 ? 'red.8' : undefined} fw={r.errors > 0 ? 600 : undefined}>
            {format.count(r.errors)}
          </Table.Td>
          <Table.Td ta="right">{format.count(r.refusals)}</Table.Td>
          <Table.Td ta="right">{format.ms(r.p95Ms)}</Table.Td>
          <Table.Td ta="right">{format.ms(r.maxMs)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
