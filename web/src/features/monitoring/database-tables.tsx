import type { DatabaseHealth } from '@carebase/contracts';
import { Code, Progress, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** The largest tables, each with a bar against the largest. */
export function LargestTablesTable({ tables }: { tables: DatabaseHealth['largestTables'] }) {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const largest = Math.max(1, ...tables.map((table) => table.totalBytes));
  return (
    <DataTable
      minWidth={400}
      head={
        <>
          <Table.Th>{t('monitoring.database.table')}</Table.Th>
          <Table.Th ta="right">{t('monitoring.database.rows')}</Table.Th>
          <Table.Th ta="right">{t('monitoring.database.tableSize')}</Table.Th>
          <Table.Th w="30%">
            <span className="visually-hidden">{t('monitoring.database.shareOfLargest')}</span>
          </Table.Th>
        </>
      }
    >
      {tables.map((table) => (
        <Table.Tr key={table.name}>
          <Table.Td ff="monospace" fz="sm">
            {table.name}
          </Table.Td>
          <Table.Td ta="right">{format.count(table.rows)}</Table.Td>
          <Table.Td ta="right">{format.bytes(table.totalBytes)}</Table.Td>
          <Table.Td>
            <Progress value={(table.totalBytes / largest) * 100} size="md" color="teal" aria-hidden />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** Queries running long and sessions waiting on locks, with who blocks them. */
export function LongQueriesTable({ queries }: { queries: NonNullable<DatabaseHealth['longQueries']> }) {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const dash = t('common.emptyValue');
  return (
    <DataTable
      minWidth={800}
      head={
        <>
          <Table.Th ta="right">{t('monitoring.database.pid')}</Table.Th>
          <Table.Th>{t('monitoring.database.state')}</Table.Th>
          <Table.Th ta="right">{t('monitoring.database.duration')}</Table.Th>
          <Table.Th>{t('monitoring.database.waitEvent')}</Table.Th>
          <Table.Th>{t('monitoring.database.blockedBy')}</Table.Th>
          <Table.Th>{t('monitoring.database.query')}</Table.Th>
        </>
      }
    >
      {queries.map((q) => (
        <Table.Tr key={q.pid}>
          <Table.Td ta="right">{q.pid}</Table.Td>
          <Table.Td>{q.state ?? dash}</Table.Td>
          <Table.Td ta="right">{format.ms(q.durationMs)}</Table.Td>
          <Table.Td>{q.waitEvent ?? dash}</Table.Td>
          <Table.Td>
            {q.blockedBy.length > 0 ? (
              <Text size="sm" c="red.8" fw={600}>
                {q.blockedBy.join(', ')}
              </Text>
            ) : (
              dash
            )}
          </Table.Td>
          <Table.Td>
            <Code className="break-anywhere">{q.query}</Code>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** The statements that took the most time in all, from pg_stat_statements. */
export function SlowStatementsTable({
  statements,
}: {
  statements: NonNullable<DatabaseHealth['slowStatements']>;
}) {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  return (
    <DataTable
      minWidth={800}
      head={
        <>
          <Table.Th>{t('monitoring.database.query')}</Table.Th>
          <Table.Th ta="right">{t('monitoring.database.calls')}</Table.Th>
          <Table.Th ta="right">{t('monitoring.database.mean')}</Table.Th>
          <Table.Th ta="right">{t('monitoring.database.total')}</Table.Th>
          <Table.Th ta="right">{t('monitoring.database.rowsReturned')}</Table.Th>
        </>
      }
    >
      {statements.map((s) => (
        <Table.Tr key={s.query}>
          <Table.Td maw={520}>
            <Code className="break-anywhere">{s.query}</Code>
          </Table.Td>
          <Table.Td ta="right">{format.count(s.calls)}</Table.Td>
          <Table.Td ta="right">{format.ms(s.meanMs)}</Table.Td>
          <Table.Td ta="right">{format.ms(s.totalMs)}</Table.Td>
          <Table.Td ta="right">{format.count(s.rows)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
