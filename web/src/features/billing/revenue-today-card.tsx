import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { useDaySummary } from './day-summary.queries.ts';

/** Home: what came in today by method, less what was given back; billing.changed keeps it live. */
export function RevenueTodayCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const summary = useDaySummary().data;
  const methods = summary?.methods ?? [];
  return (
    <HomeCard title={t('billing.invoices.revenueToday')}>
      <Text size="xl" fw={700} data-testid="revenue-total">
        {format.money(summary?.netMinor ?? 0)}
      </Text>
      {methods.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.invoices.noPaymentsToday')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" className="plain-list" aria-label={t('billing.invoices.byMethod')}>
          {methods.map((m) => (
            <Group key={m.method} component="li" justify="space-between" wrap="nowrap">
              <Text size="sm">{t(`billing.invoices.methods.${m.method}`)}</Text>
              <Text size="sm" fw={600}>
                {format.money(m.receivedMinor - m.refundedMinor)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {summary && summary.refundedMinor > 0 ? (
        <Text size="xs" c="dimmed" data-testid="revenue-refunded">
          {t('billing.invoices.refundedToday', { amount: format.money(summary.refundedMinor) })}
        </Text>
      ) : null}
    </HomeCard>
  );
}
