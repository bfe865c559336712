import type { Invoice } from '@carebase/contracts';
import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { usePatientAccount, usePayments } from './invoices.queries.ts';
import { ReceiptActions } from './receipt-actions.tsx';

/** What happened to an invoice after it was issued: payments (with their receipts), credit notes, the void. */
export function InvoiceTimeline({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const payments = usePayments({ invoiceId: invoice.id }, invoice.status !== 'draft');
  const account = usePatientAccount(invoice.status === 'draft' ? null : invoice.patientId);
  const refunds = (account.data?.entries ?? []).filter(
    (e) => e.kind === 'refund' && invoice.number !== null && e.description.startsWith(`${invoice.number}:`),
  );
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
      at: r.at,
      key: r.id,
      title: t('billing.invoices.refundEntry', { number: r.number, amount: format.money(r.amountMinor) }),
      body: <Text size="sm">{r.description}</Text>,
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
