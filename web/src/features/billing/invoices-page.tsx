import { INVOICE_STATUSES, type InvoiceStatus } from '@carebase/contracts';
import { Anchor, Button, Paper, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table.tsx';
import { Empty } from '../../components/empty.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useProviders } from '../scheduling/scheduling.queries.ts';
import { IconReceipt } from './billing-icons.tsx';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';
import { useInvoices } from './invoices.queries.ts';
import { PatientFilterSelect } from './patient-filter-select.tsx';

/** `/billing/invoices`: every invoice, filtered by status, days, patient and doctor, with the sums of the matches. */
export function InvoicesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const get = (key: string) => params.get(key) ?? undefined;
  const set = (key: string, value: string | null | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });
  const page = Number(get('page') ?? 1);
  const pageSize = Number(get('pageSize') ?? 25);
  const filter = {
    status: get('status') as InvoiceStatus | undefined,
    patientId: get('patientId'),
    providerId: get('providerId'),
    from: get('from'),
    to: get('to'),
    unpaid: get('unpaid') === 'true' ? ('true' as const) : undefined,
    page,
    pageSize,
  };
  const invoices = useInvoices(filter);
  const doctors = useProviders();
  const items = invoices.data?.items ?? [];
  const totals = invoices.data?.totals;

  return (
    <>
      <PageHeader
        title={t('billing.invoices.title')}
        description={t('billing.invoices.description')}
        actions={
          hasPermission(me, 'invoices:write') ? (
            <Button component={Link} to="/billing/cashier">
              {t('billing.invoices.toCashier')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" mb="md">
          <Select
            label={t('billing.invoices.statusFilter')}
            placeholder={t('billing.invoices.anyStatus')}
            data={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`billing.invoices.status.${s}`) }))}
            value={filter.status ?? null}
            onChange={(v) => set('status', v)}
            clearable
          />
          <TextInput
            type="date"
            label={t('billing.invoices.from')}
            value={filter.from ?? ''}
            onChange={(e) => set('from', e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('billing.invoices.to')}
            value={filter.to ?? ''}
            onChange={(e) => set('to', e.currentTarget.value)}
          />
          <Select
            label={t('billing.invoices.doctor')}
            placeholder={t('billing.invoices.anyDoctor')}
            data={(doctors.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={filter.providerId ?? null}
            onChange={(v) => set('providerId', v)}
            clearable
            searchable
          />
          <Select
            label={t('billing.invoices.owing')}
            data={[
              { value: 'all', label: t('billing.invoices.owingAll') },
              { value: 'true', label: t('billing.invoices.owingOnly') },
            ]}
            value={filter.unpaid ?? 'all'}
            onChange={(v) => set('unpaid', v === 'true' ? 'true' : null)}
            allowDeselect={false}
          />
          <PatientFilterSelect
            value={filter.patientId ?? null}
            label={filter.patientId ? (items[0]?.patientName ?? null) : null}
            onChange={(v) => set('patientId', v)}
          />
        </SimpleGrid>
        <QueryStates
          query={invoices}
          isEmpty={items.length === 0}
          empty={<Empty icon={<IconReceipt size={28} />} title={t('billing.invoices.empty')} />}
        >
          <DataTable
            minWidth={820}
            highlightOnHover
            head={
              <>
                <Table.Th>{t('billing.invoices.number')}</Table.Th>
                <Table.Th>{t('billing.invoices.patient')}</Table.Th>
                <Table.Th>{t('billing.invoices.statusFilter')}</Table.Th>
                <Table.Th>{t('billing.invoices.date')}</Table.Th>
                <Table.Th ta="right">{t('billing.invoices.total')}</Table.Th>
                <Table.Th ta="right">{t('billing.invoices.paid')}</Table.Th>
                <Table.Th ta="right">{t('billing.invoices.balance')}</Table.Th>
              </>
            }
          >
            {items.map((invoice) => (
              <Table.Tr
                key={invoice.id}
                style={{ cursor: 'pointer' }}
                onClick={() => void navigate(`/billing/invoices/${invoice.id}`)}
              >
                <Table.Td>
                  <Anchor component={Link} to={`/billing/invoices/${invoice.id}`} size="sm" fw={600}>
                    {invoice.number ?? t('billing.invoices.draftTitle')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{invoice.patientName}</Table.Td>
                <Table.Td>
                  <InvoiceStatusBadge status={invoice.status} />
                </Table.Td>
                <Table.Td>{format.date(invoice.issuedAt ?? invoice.createdAt)}</Table.Td>
                <Table.Td ta="right">{format.money(invoice.totalMinor)}</Table.Td>
                <Table.Td ta="right">{format.money(invoice.paidMinor)}</Table.Td>
                <Table.Td ta="right">{format.money(invoice.balanceMinor)}</Table.Td>
              </Table.Tr>
            ))}
            {totals ? (
              <Table.Tr fw={700} aria-label={t('billing.invoices.totalsRow')}>
                <Table.Td colSpan={4}>
                  <Text size="sm" fw={700}>
                    {t('billing.invoices.totalsRow')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{format.money(totals.totalMinor)}</Table.Td>
                <Table.Td ta="right">{format.money(totals.paidMinor)}</Table.Td>
                <Table.Td ta="right">{format.money(totals.balanceMinor)}</Table.Td>
              </Table.Tr>
            ) : null}
          </DataTable>
          <ListFooter
            total={invoices.data?.total ?? 0}
            page={page}
            pageSize={pageSize}
            onPage={(p) => set('page', String(p))}
            onPageSize={(s) => set('pageSize', String(s))}
          />
        </QueryStates>
      </Paper>
    </>
  );
}
