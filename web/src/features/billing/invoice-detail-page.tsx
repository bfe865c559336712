import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { IconMail } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PdfLink } from '../../components/pdf-link.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { ClaimPanel } from './claim-panel.tsx';
import { InvoiceLinesTable } from './invoice-lines-table.tsx';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';
import { InvoiceTimeline } from './invoice-timeline.tsx';
import { InvoiceTotals } from './invoice-totals.tsx';
import {
  invoicePdfUrl,
  useDiscardInvoice,
  useEmailDocument,
  useInvoice,
  useIssueInvoice,
  useVoidInvoice,
} from './invoices.queries.ts';
import { ReasonModal } from './reason-modal.tsx';
import { RefundModal } from './refund-modal.tsx';

/** `/billing/invoices/:id`: one invoice, its payments and credit notes, and what the user may do with it. */
export function InvoiceDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const format = useFormatters();
  const navigate = useNavigate();
  const notify = useNotify();
  const query = useInvoice(id);
  const issue = useIssueInvoice();
  const discard = useDiscardInvoice();
  const voiding = useVoidInvoice();
  const email = useEmailDocument();
  const [dialog, setDialog] = useState<'void' | 'refund' | null>(null);
  const invoice = query.data;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!invoice) return <FormSkeleton />;
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(me, p);
  const draft = invoice.status === 'draft';
  const payable = invoice.status === 'issued' || invoice.status === 'partially_paid';
  const refundable = invoice.paidMinor - invoice.refundedMinor > 0 && invoice.status !== 'void';
  const cashier = `/billing/cashier?invoice=${invoice.id}`;

  return (
    <>
      <PageHeader
        title={invoice.number ?? t('billing.invoices.draftTitle')}
        description={
          <Anchor component={Link} to="/billing/invoices" size="sm">
            {t('billing.invoices.backToList')}
          </Anchor>
        }
        actions={
          <Group gap="xs" wrap="wrap">
            {draft && can('invoices:write') ? (
              <>
                <Button component={Link} to={cashier} variant="default">
                  {t('billing.invoices.edit')}
                </Button>
                <Button
                  onClick={() => issue.mutate(invoice.id, { onError: notify.error })}
                  loading={issue.isPending}
                >
                  {t('billing.invoices.issue')}
                </Button>
                <Button
                  color="red"
                  variant="subtle"
                  loading={discard.isPending}
                  onClick={() =>
                    discard.mutate(invoice.id, {
                      onSuccess: () => void navigate('/billing/invoices'),
                      onError: notify.error,
                    })
                  }
                >
                  {t('billing.invoices.discard')}
                </Button>
              </>
            ) : null}
            {payable && can('invoices:write') ? (
              <Button component={Link} to={cashier}>
                {t('billing.cashier.takePayment')}
              </Button>
            ) : null}
            {refundable && can('refunds:write') ? (
              <Button variant="default" onClick={() => setDialog('refund')}>
                {t('billing.invoices.refund')}
              </Button>
            ) : null}
            {!draft && invoice.status !== 'void' && can('invoices:void') ? (
              <Button variant="default" color="red" onClick={() => setDialog('void')}>
                {t('billing.invoices.void')}
              </Button>
            ) : null}
            <PdfLink
              href={invoicePdfUrl(invoice.id, i18n.language)}
              label={t('billing.invoices.pdf')}
              size="sm"
            />
            {!draft ? (
              <Button
                variant="default"
                leftSection={<IconMail size={16} />}
                loading={email.isPending}
                onClick={() =>
                  email.mutate(
                    { invoiceId: invoice.id },
                    {
                      onSuccess: ({ to }) => notify.success(t('billing.cashier.emailQueued', { to })),
                      onError: notify.error,
                    },
                  )
                }
              >
                {t('billing.invoices.email')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Group gap="lg" wrap="wrap" mb="md">
            <InvoiceStatusBadge status={invoice.status} />
            <Anchor component={Link} to={`/patients/${invoice.patientId}`} fw={600}>
              {invoice.patientName}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t('billing.invoices.createdOn', { date: format.dateTime(invoice.createdAt) })}
            </Text>
            {invoice.issuedAt ? (
              <Text size="sm" c="dimmed">
                {t('billing.invoices.issuedOn', { date: format.dateTime(invoice.issuedAt) })}
              </Text>
            ) : null}
          </Group>
          <InvoiceLinesTable invoice={invoice} />
          <Group justify="flex-end" mt="md">
            <InvoiceTotals invoice={invoice} />
          </Group>
        </Paper>
        {!draft ? <ClaimPanel invoice={invoice} canWrite={can('invoices:write')} /> : null}
        {!draft ? (
          <Paper withBorder radius="md" p="md">
            <Title order={2} fz="h4" mb="sm">
              {t('billing.invoices.history')}
            </Title>
            <InvoiceTimeline invoice={invoice} />
          </Paper>
        ) : null}
      </Stack>
      <ReasonModal
        key={`void-${dialog}`}
        opened={dialog === 'void'}
        title={t('billing.invoices.voidTitle', { number: invoice.number ?? '' })}
        submitLabel={t('billing.invoices.void')}
        danger
        pending={voiding.isPending}
        error={voiding.error}
        onClose={() => setDialog(null)}
        onSubmit={(reason) =>
          voiding.mutate({ id: invoice.id, reason }, { onSuccess: () => setDialog(null) })
        }
      />
      {dialog === 'refund' ? <RefundModal invoice={invoice} opened onClose={() => setDialog(null)} /> : null}
    </>
  );
}
