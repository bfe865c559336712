import type { Invoice } from '@carebase/contracts';
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { useFormatters } from '../../components/use-formatters.ts';

/** The lines of an issued (or void) invoice, read-only. */
export function InvoiceLinesTable({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { money } = useFormatters();
  return (
    <DataTable
      minWidth={640}
      head={
        <>
          <Table.Th>{t('billing.invoices.item')}</Table.Th>
          <Table.Th ta="right">{t('billing.invoices.quantity')}</Table.Th>
          <Table.Th ta="right">{t('billing.invoices.unitPrice')}</Table.Th>
          <Table.Th>{t('billing.invoices.doctor')}</Table.Th>
          <Table.Th ta="right">{t('billing.invoices.discounts')}</Table.Th>
          <Table.Th ta="right">{t('billing.invoices.lineTotal')}</Table.Th>
        </>
      }
    >
      {invoice.lines.map((line) => (
        <Table.Tr key={line.id}>
          <Table.Td>
            <Text size="sm">{line.description}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {line.code}
            </Text>
          </Table.Td>
          <Table.Td ta="right">{line.quantity}</Table.Td>
          <Table.Td ta="right">{money(line.unitPriceMinor)}</Table.Td>
          <Table.Td>{line.providerName ?? '—'}</Table.Td>
          <Table.Td ta="right">
            {line.lineDiscountMinor + line.invoiceDiscountMinor > 0 ? (
              <>
                −{money(line.lineDiscountMinor + line.invoiceDiscountMinor)}
                {line.discount ? (
                  <Text size="xs" c="dimmed">
                    {line.discount.kindName}
                  </Text>
                ) : null}
              </>
            ) : (
              '—'
            )}
          </Table.Td>
          <Table.Td ta="right">{money(line.totalMinor)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
