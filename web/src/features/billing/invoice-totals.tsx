import type { Invoice } from '@carebase/contracts';
import { Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" gap="md" wrap="nowrap">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : undefined} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Group>
  );
}

/** Subtotal, discounts, tax and total as the server worked them out; then what was paid and what is owed. */
export function InvoiceTotals({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { money } = useFormatters();
  const settled = invoice.status !== 'draft' && invoice.status !== 'void';
  return (
    <Stack gap={4} aria-label={t('billing.invoices.totals')} role="group" miw={220}>
      <Row label={t('billing.invoices.subtotal')} value={money(invoice.subtotalMinor)} />
      {invoice.discountMinor > 0 ? (
        <Row label={t('billing.invoices.discounts')} value={`−${money(invoice.discountMinor)}`} />
      ) : null}
      <Row label={t('billing.invoices.tax')} value={money(invoice.taxMinor)} />
      <Divider />
      <Row label={t('billing.invoices.total')} value={money(invoice.totalMinor)} strong />
      {invoice.payerMinor > 0 ? (
        <Row label={t('billing.invoices.payerPart')} value={money(invoice.payerMinor)} />
      ) : null}
      {settled ? (
        <>
          <Row label={t('billing.invoices.paid')} value={money(invoice.paidMinor)} />
          {invoice.refundedMinor > 0 ? (
            <Row label={t('billing.invoices.refunded')} value={money(invoice.refundedMinor)} />
          ) : null}
          <Row label={t('billing.invoices.balance')} value={money(invoice.balanceMinor)} strong />
        </>
      ) : null}
    </Stack>
  );
}
