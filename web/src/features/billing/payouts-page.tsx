import type { DoctorBalance } from '@carebase/contracts';
import { Button, Group, Paper, ScrollArea, Stack, Table, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { todayInZone } from '../patients/patient-age.ts';
import { IconPayout } from './billing-icons.tsx';
import { DoctorStatementDrawer } from './doctor-statement-drawer.tsx';
import { isValidPeriod, type Period, presetPeriod } from './payout-period.ts';
import { PayoutPeriodPicker, type PeriodDraft } from './payout-period-picker.tsx';
import { usePayoutBalances } from './payouts.queries.ts';
import { RecordPayoutModal } from './record-payout-modal.tsx';

/**
 * `/billing/payouts`: what each doctor earned and was paid in a period and what they are owed now, their
 * statements, and (with payouts:write) recording a payout.
 */
export function PayoutsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const canPay = hasPermission(me, 'payouts:write');
  const today = todayInZone(format.context.timeZone);
  const [draft, setDraft] = useState<PeriodDraft>(() => ({
    preset: 'thisMonth',
    ...presetPeriod('thisMonth', today),
  }));
  // The last complete period typed stays in use while the user is still typing another.
  const [period, setPeriod] = useState<Period>(() => presetPeriod('thisMonth', today));
  const balances = usePayoutBalances(period);
  const items = balances.data?.items ?? [];
  const [paying, setPaying] = useState<{ doctor: DoctorBalance | null } | null>(null);
  const [viewing, setViewing] = useState<DoctorBalance | null>(null);
  const totals = balances.data?.totals;

  const choosePreset = (preset: PeriodDraft['preset']) => {
    if (preset === 'custom') return setDraft((d) => ({ ...d, preset }));
    const next = presetPeriod(preset, today);
    setDraft({ preset, ...next });
    setPeriod(next);
  };
  const chooseDates = (dates: Period) => {
    setDraft({ preset: 'custom', ...dates });
    if (isValidPeriod(dates)) setPeriod(dates);
  };

  return (
    <>
      <PageHeader
        title={t('billing.payouts.title')}
        description={t('billing.payouts.description')}
        actions={
          canPay ? (
            <Button
              leftSection={<IconPayout size={16} />}
              onClick={() => setPaying({ doctor: null })}
              disabled={items.length === 0}
            >
              {t('billing.payouts.record')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <PayoutPeriodPicker value={draft} onPreset={choosePreset} onDates={chooseDates} />
        <Paper withBorder radius="md" p="md">
          <QueryStates
            query={balances}
            isEmpty={items.length === 0}
            empty={
              <Empty
                icon={<IconPayout size={28} />}
                title={t('billing.payouts.empty')}
                description={t('billing.payouts.emptyHint')}
              />
            }
          >
            <ScrollArea type="auto">
              <Table striped highlightOnHover miw={720}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('billing.payouts.doctor')}</Table.Th>
                    <Table.Th ta="right">{t('billing.payouts.earned')}</Table.Th>
                    <Table.Th ta="right">{t('billing.payouts.paid')}</Table.Th>
                    <Table.Th ta="right">{t('billing.payouts.outstanding')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((d) => (
                    <Table.Tr key={d.providerId}>
                      <Table.Td>{d.providerName}</Table.Td>
                      <Table.Td ta="right">{format.money(d.earnedMinor)}</Table.Td>
                      <Table.Td ta="right">{format.money(d.paidMinor)}</Table.Td>
                      <Table.Td ta="right" fw={600} c={d.outstandingMinor < 0 ? 'red' : undefined}>
                        {format.money(d.outstandingMinor)}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setViewing(d)}
                            aria-label={t('billing.payouts.statementOf', { name: d.providerName })}
                          >
                            {t('billing.payouts.statement')}
                          </Button>
                          {canPay ? (
                            <Button
                              size="xs"
                              variant="light"
                              onClick={() => setPaying({ doctor: d })}
                              disabled={d.outstandingMinor <= 0}
                              aria-label={t('billing.payouts.payDoctor', { name: d.providerName })}
                            >
                              {t('billing.payouts.pay')}
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                {totals ? (
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th>{t('billing.payouts.total')}</Table.Th>
                      <Table.Th ta="right">{format.money(totals.earnedMinor)}</Table.Th>
                      <Table.Th ta="right">{format.money(totals.paidMinor)}</Table.Th>
                      <Table.Th ta="right">{format.money(totals.outstandingMinor)}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Tfoot>
                ) : null}
              </Table>
            </ScrollArea>
          </QueryStates>
        </Paper>
      </Stack>
      {canPay ? (
        <RecordPayoutModal
          opened={paying !== null}
          doctor={paying?.doctor ?? null}
          doctors={items}
          onClose={() => setPaying(null)}
        />
      ) : null}
      <DoctorStatementDrawer
        providerId={viewing?.providerId ?? null}
        providerName={viewing?.providerName ?? ''}
        period={period}
        onClose={() => setViewing(null)}
      />
    </>
  );
}
