import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DataTableProps extends Omit<TableProps, 'children'> {
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** The header cells (`Table.Th`). */
  head: ReactNode;
  /** The body rows (`Table.Tr`). */
  children: ReactNode;
}

/** A table with one header row that scrolls sideways on narrow screens. */
export function DataTable({ minWidth, head, children, ...table }: DataTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The header of the row-actions column: named for screen readers, blank on screen. */
export function ActionsTh() {
  const { t } = useTranslation();
  return (
    <Table.Th>
      <span className="visually-hidden">{t('common.actions')}</span>
    </Table.Th>
  );
}
