import type { DoctorStatement } from '@carebase/contracts';
import {
  Badge,
  Drawer,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PdfLink } from '../../components/pdf-link.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { type Formatters, useFormatters } from '../../components/use-formatters.ts';
import { middayOf, type Period } from './payout-period.ts';
import { statementPdfHref, useDoctorStatement } from './payouts.queries.ts';

function Figure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={strong ? 700 : 500} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

function StatementBody({ s, format }: { s: DoctorStatement; format: Formatters }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label={t('billing.payouts.opening')} value={format.money(s.openingMinor)} />
        <Figure label={t('billing.payouts.earned')} value={format.money(s.earnedMinor)} />
        <Figure label={t('billing.payouts.paid')} value={format.money(-s.paidMinor)} />
        <Figure label={t('billing.payouts.closing')} value={format.money(s.closingMinor)} strong />
      </SimpleGrid>

      <Title order={3} fz="h5">
        {t('billing.payouts.shares')}
      </Title>
      {s.entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.payouts.noShares')}
        </Text>
      ) : (
        <ScrollArea type="auto">
          <Table striped miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.payouts.date')}</Table.Th>
                <Table.Th>{t('billing.payouts.invoice')}</Table.Th>
                <Table.Th>{t('billing.payouts.patient')}</Table.Th>
                <Table.Th>{t('billing.payouts.service')}</Table.Th>
                <Table.Th ta="right">{t('billing.payouts.amountPaid')}</Table.Th>
                <Table.Th ta="right">{t('billing.payouts.share')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.entries.map((e, i) => (
                // Entries have no id of their own; their order is fixed by the server.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows never move
                <Table.Tr key={i}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(e.at)}</Table.Td>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {e.invoiceNumber ?? '—'}
                  </Table.Td>
                  <Table.Td>{e.patientName}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{e.description}</Text>
                      {e.kind === 'refund' ? (
                        <Badge size="xs" color="red" variant="light">
                          {t('billing.payouts.refund')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{format.money(e.amountMinor)}</Table.Td>
                  <Table.Td ta="right">{format.money(e.doctorMinor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}

      <Title order={3} fz="h5">
        {t('billing.payouts.payoutsHeading')}
      </Title>
      {s.payouts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.payouts.noPayouts')}
        </Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.payouts.date')}</Table.Th>
              <Table.Th>{t('billing.payouts.method')}</Table.Th>
              <Table.Th>{t('billing.payouts.reference')}</Table.Th>
              <Table.Th ta="right">{t('billing.payouts.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.payouts.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(p.paidAt)}</Table.Td>
                <Table.Td>{t(`billing.payouts.methods.${p.method}`)}</Table.Td>
                <Table.Td>{[p.reference, p.note].filter(Boolean).join(' — ') || '—'}</Table.Td>
                <Table.Td ta="right">{format.money(p.amountMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** One doctor's statement for the period, beside the balances table, with its PDF. */
export function DoctorStatementDrawer({
  providerId,
  providerName,
  period,
  onClose,
}: {
  providerId: string | null;
  providerName: string;
  period: Period;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const statement = useDoctorStatement(providerId, period);
  return (
    <Drawer
      opened={providerId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={t('billing.payouts.statementOf', { name: providerName })}
    >
      <Stack gap="md">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('billing.payouts.periodRange', {
              from: format.date(middayOf(period.from)),
              to: format.date(middayOf(period.to)),
            })}
          </Text>
          {providerId ? (
            <PdfLink
              href={statementPdfHref(providerId, period, i18n.language)}
              label={t('billing.payouts.downloadPdf')}
            />
          ) : null}
        </Group>
        <QueryStates query={statement} isEmpty={false} empty={null}>
          {statement.data ? <StatementBody s={statement.data} format={format} /> : null}
        </QueryStates>
      </Stack>
    </Drawer>
  );
}
