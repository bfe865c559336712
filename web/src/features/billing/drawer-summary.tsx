import type { CashDrawer } from '@carebase/contracts';
import { Badge, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';

export function DrawerStatusBadge({ status }: { status: CashDrawer['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={status === 'open' ? 'teal' : 'gray'}>
      {t(`billing.drawer.status.${status}`)}
    </Badge>
  );
}

/** Counted − expected in words: green when the drawer balances, red when it is short or over. */
export function DifferenceText({ minor, size = 'sm' }: { minor: number; size?: 'sm' | 'lg' }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const amount = format.money(Math.abs(minor));
  return (
    <Text size={size} fw={600} c={minor === 0 ? 'teal' : 'red'} span>
      {minor === 0
        ? t('billing.drawer.balanced')
        : t(minor < 0 ? 'billing.drawer.short' : 'billing.drawer.over', { amount })}
    </Text>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text size="lg" fw={600} component="div">
          {children}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Float, cash in and out and what the drawer should hold; once closed, the count and its difference. */
export function DrawerSummary({ drawer }: { drawer: CashDrawer }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <Figure label={t('billing.drawer.float')}>{format.money(drawer.openingFloatMinor)}</Figure>
      <Figure label={t('billing.drawer.cashIn')}>{format.money(drawer.cashInMinor)}</Figure>
      <Figure label={t('billing.drawer.cashOut')}>{format.money(drawer.cashOutMinor)}</Figure>
      <Figure label={t('billing.drawer.expected')}>{format.money(drawer.expectedMinor)}</Figure>
      {drawer.countedMinor !== null && drawer.differenceMinor !== null ? (
        <>
          <Figure label={t('billing.drawer.counted')}>{format.money(drawer.countedMinor)}</Figure>
          <Figure label={t('billing.drawer.difference')}>
            <DifferenceText minor={drawer.differenceMinor} size="lg" />
          </Figure>
        </>
      ) : null}
    </SimpleGrid>
  );
}
