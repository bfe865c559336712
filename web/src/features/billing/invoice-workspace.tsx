import type { Payment } from '@carebase/contracts';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { CreditOnAccount } from './credit-on-account.tsx';
import { DraftEditor } from './draft-editor.tsx';
import { InvoiceLinesTable } from './invoice-lines-table.tsx';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';
import { InvoiceTotals } from './invoice-totals.tsx';
import { useDiscardInvoice, useInvoice, useIssueInvoice } from './invoices.queries.ts';
import { PaymentForm } from './payment-form.tsx';
import { ReceiptActions } from './receipt-actions.tsx';

interface InvoiceWorkspaceProps {
  invoiceId: string;
  unpriced: readonly string[];
  onDone: () => void;
}

/** The cashier's invoice: edit and issue the draft, then take payments until nothing is owed, then receipts. */
export function InvoiceWorkspace({ invoiceId, unpriced, onDone }: InvoiceWorkspaceProps) {
  const { t } = useTranslation();
  const query = useInvoice(invoiceId);
  const issue = useIssueInvoice();
  const discard = useDiscardInvoice();
  const notify = useNotify();
  const [taken, setTaken] = useState<Payment[]>([]);
  const invoice = query.data;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!invoice) return <FormSkeleton />;
  const payable = invoice.status === 'issued' || invoice.status === 'partially_paid';

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} fz="h3">
              {invoice.number ?? t('billing.invoices.draftTitle')}
            </Title>
            <InvoiceStatusBadge status={invoice.status} />
          </Group>
          <Text size="sm">{invoice.patientName}</Text>
        </Stack>
        <Group gap="xs">
          <Anchor component={Link} to={`/billing/invoices/${invoice.id}`} size="sm">
            {t('billing.cashier.openInvoice')}
          </Anchor>
          <Button variant="default" size="sm" onClick={onDone}>
            {t('billing.cashier.nextPatient')}
          </Button>
        </Group>
      </Group>
      {unpriced.length > 0 && invoice.status === 'draft' ? (
        <Alert color="yellow" title={t('billing.cashier.unpricedTitle')}>
          {t('billing.cashier.unpriced', { items: unpriced.join(', ') })}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        {invoice.status === 'draft' ? (
          <Stack gap="md">
            <DraftEditor invoice={invoice} />
            <Group justify="flex-end" gap="sm">
              <Button
                variant="subtle"
                color="red"
                loading={discard.isPending}
                onClick={() => discard.mutate(invoice.id, { onSuccess: onDone, onError: notify.error })}
              >
                {t('billing.invoices.discard')}
              </Button>
              <Button
                loading={issue.isPending}
                disabled={invoice.lines.length === 0}
                onClick={() => issue.mutate(invoice.id, { onError: notify.error })}
              >
                {t('billing.invoices.issue')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="md">
            <InvoiceLinesTable invoice={invoice} />
            <Group justify="flex-end">
              <InvoiceTotals invoice={invoice} />
            </Group>
          </Stack>
        )}
      </Paper>
      {invoice.status !== 'draft' ? (
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            <Title order={3} fz="h4">
              {t('billing.cashier.takePayment')}
            </Title>
            <CreditOnAccount
              patientId={invoice.patientId}
              invoiceId={invoice.id}
              balanceMinor={invoice.balanceMinor}
              canApply={payable}
            />
            {payable ? (
              <PaymentForm
                key={invoice.balanceMinor}
                patientId={invoice.patientId}
                invoiceId={invoice.id}
                balanceMinor={invoice.balanceMinor}
                onPaid={(payment) => {
                  setTaken((list) => [...list, payment]);
                  void query.refetch();
                }}
              />
            ) : invoice.status === 'paid' ? (
              <Alert color="teal">{t('billing.cashier.paidInFull')}</Alert>
            ) : null}
            {taken.length > 0 ? (
              <Stack
                gap="xs"
                component="ul"
                className="plain-list"
                aria-label={t('billing.cashier.paymentsTaken')}
              >
                {taken.map((payment) => (
                  <li key={payment.id}>
                    <ReceiptActions payment={payment} />
                  </li>
                ))}
              </Stack>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
