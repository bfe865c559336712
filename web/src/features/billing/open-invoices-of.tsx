import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';
import { useInvoices } from './invoices.queries.ts';

/** The patient's drafts and unpaid invoices, to carry on with one. */
export function OpenInvoicesOf({ patientId, onOpen }: { patientId: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const unpaid = useInvoices({ patientId, unpaid: 'true', pageSize: 10 });
  const drafts = useInvoices({ patientId, status: 'draft', pageSize: 10 });
  const items = [...(drafts.data?.items ?? []), ...(unpaid.data?.items ?? [])];
  if (items.length === 0) return null;
  return (
    <Stack gap={4} component="ul" className="plain-list" aria-label={t('billing.cashier.openInvoices')}>
      {items.map((invoice) => (
        <li key={invoice.id}>
          <UnstyledButton className="picker-option" w="100%" p="xs" onClick={() => onOpen(invoice.id)}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {invoice.number ?? t('billing.invoices.draftTitle')}
                </Text>
                <InvoiceStatusBadge status={invoice.status} />
              </Group>
              <Text size="sm">
                {format.money(invoice.status === 'draft' ? invoice.totalMinor : invoice.balanceMinor)}
              </Text>
            </Group>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}
