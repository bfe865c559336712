import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { middayOf } from './payout-period.ts';
import { useMyEarnings } from './payouts.queries.ts';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Stack>
  );
}

/**
 * Home for doctors: their share of what patients paid this month, what the clinic still owes them, and a bar
 * per day. billing.changed (sent to the doctor whenever their earnings move) refreshes it.
 */
export function MyEarningsCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const earnings = useMyEarnings();
  const data = earnings.data;
  const days = (data?.days ?? []).map((d) => ({
    day: d.date.slice(8),
    label: format.date(middayOf(d.date)),
    earned: d.earnedMinor,
  }));
  const daysWithEarnings = days.filter((d) => d.earned !== 0).length;
  return (
    <HomeCard title={t('billing.payouts.myEarnings')}>
      <QueryStates query={earnings} isEmpty={false} empty={null}>
        {data ? (
          <Stack gap="sm">
            <Group gap="xl">
              <Figure label={t('billing.payouts.earnedThisMonth')} value={format.money(data.earnedMinor)} />
              <Figure label={t('billing.payouts.outstanding')} value={format.money(data.outstandingMinor)} />
            </Group>
            <div
              role="img"
              aria-label={t('billing.payouts.chartAlt', {
                count: daysWithEarnings,
                total: format.money(data.earnedMinor),
              })}
            >
              <BarChart
                h={120}
                data={days}
                dataKey="day"
                series={[{ name: 'earned', label: t('billing.payouts.earned'), color: 'teal.6' }]}
                valueFormatter={(minor) => format.money(minor)}
                withYAxis={false}
                gridAxis="none"
                tickLine="none"
                xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 12 }}
                tooltipProps={{
                  labelFormatter: (_: unknown, payload: readonly { payload?: { label?: string } }[]) =>
                    payload[0]?.payload?.label ?? '',
                }}
              />
            </div>
          </Stack>
        ) : null}
      </QueryStates>
    </HomeCard>
  );
}
