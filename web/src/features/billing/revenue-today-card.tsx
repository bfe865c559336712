import { PAYMENT_METHODS } from '@carebase/contracts';
import { Group, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { todayInZone } from '../patients/patient-age.ts';
import { usePayments } from './invoices.queries.ts';

/** Home: what came in today, by method, summed here from today's payments; billing.changed keeps it live. */
export function RevenueTodayCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const today = useMemo(() => todayInZone(format.context.timeZone), [format.context.timeZone]);
  const payments = usePayments({ from: today, to: today });
  const byMethod = new Map<string, number>();
  for (const p of payments.data ?? []) byMethod.set(p.method, (byMethod.get(p.method) ?? 0) + p.amountMinor);
  const total = [...byMethod.values()].reduce((a, b) => a + b, 0);
  return (
    <HomeCard title={t('billing.invoices.revenueToday')}>
      <Text size="xl" fw={700} data-testid="revenue-total">
        {format.money(total)}
      </Text>
      {byMethod.size === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.invoices.noPaymentsToday')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" className="plain-list" aria-label={t('billing.invoices.byMethod')}>
          {PAYMENT_METHODS.filter((m) => byMethod.has(m)).map((m) => (
            <Group key={m} component="li" justify="space-between">
              <Text size="sm">{t(`billing.invoices.methods.${m}`)}</Text>
              <Text size="sm" fw={600}>
                {format.money(byMethod.get(m) ?? 0)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </HomeCard>
  );
}
