import { Anchor, Button, Group, Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionsTh } from '../data-table.tsx';
import { ActiveBadge } from './active-badge.tsx';
import { QueryTable } from './query-table.tsx';

interface CatalogTableProps<T extends { active: boolean }> {
  query: UseQueryResult<T[]>;
  empty: ReactNode;
  minWidth: number;
  /** Header cells of the item's own columns; Status and the actions column follow. */
  head: ReactNode;
  rowKey: (item: T) => string;
  /** The item's own cells, in the order of `head`. */
  cells: (item: T) => ReactNode;
  canWrite: boolean;
  onOpen: (item: T) => void;
}

/** A list of things the clinic sets up (services, rooms, departments): each row opens its form. */
export function CatalogTable<T extends { active: boolean }>(props: CatalogTableProps<T>) {
  const { t } = useTranslation();
  const head = (
    <>
      {props.head}
      <Table.Th>{t('schedules.status')}</Table.Th>
      <ActionsTh />
    </>
  );
  return (
    <QueryTable query={props.query} empty={props.empty} minWidth={props.minWidth} head={head}>
      {(items) =>
        items.map((item) => (
          <Table.Tr key={props.rowKey(item)}>
            {props.cells(item)}
            <Table.Td>
              <ActiveBadge active={item.active} />
            </Table.Td>
            <Table.Td>
              <Group justify="flex-end">
                <Button size="xs" variant="subtle" onClick={() => props.onOpen(item)}>
                  {props.canWrite ? t('common.edit') : t('common.details')}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))
      }
    </QueryTable>
  );
}

/** The item's name, as a link-styled button that opens its form. */
export function NameButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={onClick}>
      {children}
    </Anchor>
  );
}
