import { NumberInput, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { useFormatters } from '../../components/use-formatters.ts';

export type CountDraft = Record<number, number | ''>;

interface CountTableProps {
  /** Denominations in minor units, largest first. */
  denominations: readonly number[];
  counts: CountDraft;
  /** Absent: the count is shown read-only. */
  onChange?: (value: number, count: number | '') => void;
}

/** How many of each note and coin, with each row's subtotal. */
export function CountTable({ denominations, counts, onChange }: CountTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <DataTable
      minWidth={360}
      verticalSpacing={4}
      head={
        <>
          <Table.Th>{t('billing.drawer.denomination')}</Table.Th>
          <Table.Th ta="right">{t('billing.drawer.quantity')}</Table.Th>
          <Table.Th ta="right">{t('billing.drawer.subtotal')}</Table.Th>
        </>
      }
    >
      {denominations.map((value) => {
        const count = counts[value] ?? '';
        return (
          <Table.Tr key={value}>
            <Table.Td>{format.money(value)}</Table.Td>
            <Table.Td ta="right">
              {onChange ? (
                <NumberInput
                  aria-label={t('billing.drawer.quantityOf', { value: format.money(value) })}
                  value={count}
                  onChange={(n) => onChange(value, typeof n === 'number' ? n : '')}
                  min={0}
                  max={100_000}
                  allowNegative={false}
                  allowDecimal={false}
                  hideControls
                  w={96}
                  ml="auto"
                  size="xs"
                />
              ) : (
                <Text size="sm">{format.number(count === '' ? 0 : count)}</Text>
              )}
            </Table.Td>
            <Table.Td ta="right">{format.money(value * (count === '' ? 0 : count))}</Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
