import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { HomeCardItem, HomeCardList } from '../home/home-card-item.tsx';
import { useDrawersOfDay, useMyDrawer } from './cash-drawer.queries.ts';

/** Home for cashiers: their drawer today and the cash it should hold, or the way to open it. */
export function MyDrawerCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const drawer = useMyDrawer();
  if (drawer.isPending) return <HomeCard title={t('billing.drawer.cardTitle')}>{null}</HomeCard>;
  const mine = drawer.data;
  return (
    <HomeCard
      title={t('billing.drawer.cardTitle')}
      link={{ to: '/billing/drawer', label: t('billing.drawer.cardLink') }}
    >
      {mine ? (
        <Text size="sm" data-testid="my-drawer-expected">
          {mine.status === 'open'
            ? t('billing.drawer.cardExpected', { amount: format.money(mine.expectedMinor) })
            : t('billing.drawer.cardClosed', { amount: format.money(mine.differenceMinor ?? 0) })}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('billing.drawer.cardNotOpen')}
          </Text>
          <Button component={Link} to="/billing/drawer" size="xs" variant="light" w="fit-content">
            {t('billing.drawer.cardOpen')}
          </Button>
        </>
      )}
    </HomeCard>
  );
}

/** Home for supervisors: every drawer open today and the cash each should hold. */
export function OpenDrawersCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const drawers = (useDrawersOfDay('').data ?? []).filter((d) => d.status === 'open');
  const expected = drawers.reduce((sum, d) => sum + d.expectedMinor, 0);
  return (
    <HomeCard
      title={t('billing.drawer.openDrawersTitle')}
      count={drawers.length}
      link={{ to: '/billing/drawer', label: t('billing.drawer.cardLink') }}
    >
      <Text size="sm" data-testid="open-drawers-expected">
        {t('billing.drawer.openDrawersExpected', { amount: format.money(expected) })}
      </Text>
      {drawers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.drawer.noOpenDrawers')}
        </Text>
      ) : (
        <HomeCardList>
          {drawers.map((d) => (
            <HomeCardItem
              key={d.id}
              to="/billing/drawer"
              title={d.cashierName}
              details={[format.money(d.expectedMinor)]}
            />
          ))}
        </HomeCardList>
      )}
    </HomeCard>
  );
}
