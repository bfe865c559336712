import type { CashDrawer } from '@carebase/contracts';
import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useMyDrawer } from './cash-drawer.queries.ts';
import { CloseDrawerModal } from './close-drawer-modal.tsx';
import { CountTable } from './count-table.tsx';
import { DrawerMovementsTable } from './drawer-movements-table.tsx';
import { DrawerStatusBadge, DrawerSummary } from './drawer-summary.tsx';
import { DrawersOfDay } from './drawers-of-day.tsx';
import { OpenDrawerForm } from './open-drawer-form.tsx';
import { PaidOutModal } from './paid-out-modal.tsx';
import { ReopenDrawerModal } from './reopen-drawer-modal.tsx';

/** The cashier's drawer of today and its actions: pay out and close while open, Reopen for a supervisor. */
function MyDrawer({ drawer, onReopen }: { drawer: CashDrawer; onReopen?: (d: CashDrawer) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [dialog, setDialog] = useState<'paidOut' | 'close' | null>(null);
  const open = drawer.status === 'open';
  const counted = Object.keys(drawer.counts ?? {})
    .map(Number)
    .sort((a, b) => b - a);

  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Group justify="space-between">
          <Group gap="sm">
            <DrawerStatusBadge status={drawer.status} />
            <Text size="sm" c="dimmed">
              {open
                ? t('billing.drawer.openedAt', { when: format.dateTime(drawer.openedAt) })
                : t('billing.drawer.closedAt', {
                    when: format.dateTime(drawer.closedAt),
                    name: drawer.closedByName ?? '',
                  })}
            </Text>
          </Group>
          <Group gap="xs">
            {open ? (
              <>
                <Button variant="default" onClick={() => setDialog('paidOut')}>
                  {t('billing.drawer.paidOut')}
                </Button>
                <Button onClick={() => setDialog('close')}>{t('billing.drawer.close')}</Button>
              </>
            ) : onReopen ? (
              <Button variant="default" onClick={() => onReopen(drawer)}>
                {t('billing.drawer.reopen')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <DrawerSummary drawer={drawer} />
        {counted.length > 0 && !open ? (
          <Stack gap="xs">
            <Title order={2} fz="h5">
              {t('billing.drawer.count')}
            </Title>
            <CountTable denominations={counted} counts={drawer.counts ?? {}} />
          </Stack>
        ) : null}
        <Title order={2} fz="h5">
          {t('billing.drawer.movements')}
        </Title>
        <DrawerMovementsTable movements={drawer.movements} />
      </Stack>
      {open ? (
        <>
          <PaidOutModal drawer={drawer} opened={dialog === 'paidOut'} onClose={() => setDialog(null)} />
          <CloseDrawerModal drawer={drawer} opened={dialog === 'close'} onClose={() => setDialog(null)} />
        </>
      ) : null}
    </Paper>
  );
}

/** `/billing/drawer`: the signed-in cashier's cash drawer; billing:read also sees every cashier's drawer. */
export function CashDrawerPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const mine = useMyDrawer();
  const [reopening, setReopening] = useState<CashDrawer | null>(null);
  const onReopen = hasPermission(me, 'drawers:reopen') ? setReopening : undefined;

  return (
    <>
      <PageHeader title={t('billing.drawer.title')} description={t('billing.drawer.description')} />
      <Stack gap="lg">
        {mine.isPending ? <Skeleton h={160} radius="md" /> : null}
        {mine.isError ? <QueryError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
        {mine.data === null ? <OpenDrawerForm /> : null}
        {mine.data ? <MyDrawer drawer={mine.data} onReopen={onReopen} /> : null}
        {hasPermission(me, 'billing:read') ? <DrawersOfDay onReopen={onReopen} /> : null}
      </Stack>
      <ReopenDrawerModal drawer={reopening} onClose={() => setReopening(null)} />
    </>
  );
}
