import type { DrawerMovement } from '@carebase/contracts';
import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { useFormatters } from '../../components/use-formatters.ts';

/** The drawer's cash in (positive) and out (negative), oldest first. */
export function DrawerMovementsTable({ movements }: { movements: readonly DrawerMovement[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (movements.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('billing.drawer.noMovements')}
      </Text>
    );
  return (
    <DataTable
      minWidth={640}
      head={
        <>
          <Table.Th>{t('billing.drawer.time')}</Table.Th>
          <Table.Th>{t('billing.drawer.kind')}</Table.Th>
          <Table.Th>{t('billing.drawer.reference')}</Table.Th>
          <Table.Th ta="right">{t('billing.drawer.amount')}</Table.Th>
          <Table.Th>{t('billing.drawer.by')}</Table.Th>
        </>
      }
    >
      {movements.map((m, i) => (
        // Movements have no id of their own in the contract; their order never changes.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows at its end
        <Table.Tr key={i}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(m.at)}</Table.Td>
          <Table.Td>{t(`billing.drawer.kinds.${m.kind}`)}</Table.Td>
          <Table.Td>
            <Stack gap={0}>
              {m.reference ? (
                <Text size="sm" ff="monospace">
                  {m.reference}
                </Text>
              ) : null}
              {m.reason ? (
                <Text size="sm" c="dimmed">
                  {m.reason}
                </Text>
              ) : null}
            </Stack>
          </Table.Td>
          <Table.Td ta="right" c={m.amountMinor < 0 ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
            {m.kind === 'reopen' ? '' : format.money(m.amountMinor)}
          </Table.Td>
          <Table.Td>{m.byName ?? ''}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
