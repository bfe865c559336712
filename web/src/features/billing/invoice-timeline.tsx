import type { Invoice } from '@carebase/contracts';
import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { useInvoiceRefunds, usePayments } from './invoices.queries.ts';
import { ReceiptActions } from './receipt-actions.tsx';

/** What happened to an invoice after it was issued: payments (with their receipts), credit notes, the void. */
export function InvoiceTimeline({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const payments = usePayments({ invoiceId: invoice.id }, invoice.status !== 'draft');
  const refunds = useInvoiceRefunds(invoice.id, invoice.status !== 'draft').data ?? [];
  const events = [
    ...(invoice.issuedAt
      ? [
          {
            at: invoice.issuedAt,
            key: 'issued',
            title: t('billing.invoices.issuedBy', { name: invoice.issuedByName ?? '' }),
            body: null,
          },
        ]
      : []),
    ...(payments.data ?? []).map((p) => ({
      at: p.receivedAt,
      key: p.id,
      title: t('billing.invoices.paymentEntry', { amount: format.money(p.amountMinor) }),
      body: <ReceiptActions payment={p} />,
    })),
    ...refunds.map((r) => ({
      at: r.createdAt,
      key: r.id,
      title: t('billing.invoices.refundEntry', { number: r.number, amount: format.money(r.amountMinor) }),
      body: <Text size="sm">{r.reason}</Text>,
    })),
    ...(invoice.voidedAt
      ? [
          {
            at: invoice.voidedAt,
            key: 'void',
            title: t('billing.invoices.voidedBy', { name: invoice.voidedByName ?? '' }),
            body: <Text size="sm">{invoice.voidReason}</Text>,
          },
        ]
      : []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (events.length === 0) return null;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={events.length}>
      {events.map((e) => (
        <Timeline.Item key={e.key} title={e.title}>
          <Text size="xs" c="dimmed">
            {format.dateTime(e.at)}
          </Text>
          {e.body}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
