import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconChevronDown, IconChevronUp, IconSelector } from './icons.tsx';

export type SortOrder = 'asc' | 'desc';

interface SortableThProps<F extends string> {
  field: F;
  label: string;
  sort: F;
  order: SortOrder;
  onSort: (field: F) => void;
}

/** A column header that sorts the table by its field; a second click reverses the order. */
export function SortableTh<F extends string>({ field, label, sort, order, onSort }: SortableThProps<F>) {
  const { t } = useTranslation();
  const active = sort === field;
  const Icon = active ? (order === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} p={0}>
      <UnstyledButton
        onClick={() => onSort(field)}
        px="sm"
        py={8}
        w="100%"
        title={t('table.sortBy', { column: label })}
        className="sortable-th"
      >
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text fw={600} size="sm" span>
            {label}
          </Text>
          <Icon size={14} opacity={active ? 1 : 0.5} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** Next sort state after clicking a header: same field flips the order, a new field starts ascending. */
export function nextSort<F extends string>(current: { sort: F; order: SortOrder }, field: F) {
  if (current.sort === field)
    return { sort: field, order: current.order === 'asc' ? 'desc' : 'asc' } as const;
  return { sort: field, order: 'asc' } as const;
}
