import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type ReportColumn<R> = {
  key: string;
  header: string;
  numeric?: boolean;
  cell: (row: R) => ReactNode;
};

/** The most rows a report table draws; the total row still covers them all. */
const SHOWN = 500;

/** A report's rows under its chart, with a bold total row; long lists are cut at SHOWN rows (downloads have all). */
export function ReportTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  total,
}: {
  caption: string;
  columns: ReportColumn<R>[];
  rows: R[];
  rowKey: (row: R, index: number) => string;
  total: ReactNode[];
}) {
  const { t } = useTranslation();
  const shown = rows.slice(0, SHOWN);
  return (
    <Table.ScrollContainer minWidth={columns.length * 110}>
      <Table striped highlightOnHover stickyHeader captionSide="top">
        <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} ta={c.numeric ? 'right' : undefined} scope="col">
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text c="dimmed" size="sm">
                  {t('billing.reports.nothing')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            shown.map((row, i) => (
              <Table.Tr key={rowKey(row, i)}>
                {columns.map((c) => (
                  <Table.Td
                    key={c.key}
                    ta={c.numeric ? 'right' : undefined}
                    style={
                      c.numeric ? { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } : undefined
                    }
                  >
                    {c.cell(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            {columns.map((c, i) => (
              <Table.Td
                key={c.key}
                ta={c.numeric ? 'right' : undefined}
                style={c.numeric ? { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } : undefined}
              >
                {total[i]}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {rows.length > SHOWN ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('billing.reports.truncated', { shown: SHOWN, count: rows.length })}
        </Text>
      ) : null}
    </Table.ScrollContainer>
  );
}
