import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table.tsx';
import { Empty } from '../../components/empty.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useChart } from '../chart/chart-context.ts';
import { usePatientAccount } from './invoices.queries.ts';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** The chart's Billing tab: what the patient owes, what is held for them, and the statement with its balance. */
export function PatientBillingTab() {
  const { t } = useTranslation();
  const { patient } = useChart();
  const format = useFormatters();
  const account = usePatientAccount(patient.id);
  const entries = account.data?.entries ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <SimpleGrid cols={2} spacing="sm">
          <Figure
            label={t('billing.invoices.owedLabel')}
            value={format.money(account.data?.owedMinor ?? 0)}
          />
          <Figure
            label={t('billing.invoices.creditLabel')}
            value={format.money(account.data?.creditMinor ?? 0)}
          />
        </SimpleGrid>
        <Anchor component={Link} to={`/billing/invoices?patientId=${patient.id}`} size="sm">
          {t('billing.invoices.patientInvoices')}
        </Anchor>
      </Group>
      <Paper withBorder radius="md" p="md">
        <QueryStates
          query={account}
          isEmpty={entries.length === 0}
          empty={<Empty title={t('billing.invoices.noStatement')} />}
        >
          <DataTable
            minWidth={560}
            aria-label={t('billing.invoices.statement')}
            head={
              <>
                <Table.Th>{t('billing.invoices.date')}</Table.Th>
                <Table.Th>{t('billing.invoices.entry')}</Table.Th>
                <Table.Th ta="right">{t('billing.invoices.amount')}</Table.Th>
                <Table.Th ta="right">{t('billing.invoices.runningBalance')}</Table.Th>
              </>
            }
          >
            {entries.map((e) => (
              <Table.Tr key={`${e.kind}-${e.id}`}>
                <Table.Td>{format.date(e.at)}</Table.Td>
                <Table.Td>
                  {e.kind === 'invoice' || e.kind === 'void' ? (
                    <Anchor component={Link} to={`/billing/invoices/${e.id}`} size="sm">
                      {t(`billing.invoices.entryKinds.${e.kind}`)} {e.number}
                    </Anchor>
                  ) : (
                    <Text size="sm">
                      {t(`billing.invoices.entryKinds.${e.kind}`)} {e.number}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {e.kind === 'payment'
                      ? t(`billing.invoices.methods.${e.description as 'cash'}`, {
                          defaultValue: e.description,
                        })
                      : e.kind === 'invoice'
                        ? ''
                        : e.description}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{format.money(e.amountMinor)}</Table.Td>
                <Table.Td ta="right">{format.money(e.balanceMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </QueryStates>
      </Paper>
    </Stack>
  );
}
