import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { HomeCardItem, HomeCardList } from '../home/home-card-item.tsx';
import { useInvoices } from './invoices.queries.ts';

/** Home for the front desk and cashiers: invoices still owed, kept live by billing.changed (no polling). */
export function UnpaidInvoicesCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const unpaid = useInvoices({ unpaid: 'true', pageSize: 5 });
  const items = unpaid.data?.items ?? [];
  return (
    <HomeCard
      title={t('billing.invoices.awaitingPayment')}
      count={unpaid.data?.total}
      link={{ to: '/billing/invoices?unpaid=true', label: t('billing.invoices.openList') }}
    >
      <Text size="sm" data-testid="unpaid-total">
        {t('billing.invoices.owedInAll', { amount: format.money(unpaid.data?.totals.balanceMinor ?? 0) })}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.invoices.nothingOwed')}
        </Text>
      ) : (
        <HomeCardList>
          {items.map((invoice) => (
            <HomeCardItem
              key={invoice.id}
              to={`/billing/cashier?invoice=${invoice.id}`}
              title={invoice.patientName}
              details={[invoice.number, format.money(invoice.balanceMinor)]}
            />
          ))}
        </HomeCardList>
      )}
      <Button component={Link} to="/billing/cashier" size="xs" variant="light" w="fit-content">
        {t('billing.cashier.takePayment')}
      </Button>
    </HomeCard>
  );
}
