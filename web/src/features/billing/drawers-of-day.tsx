import type { CashDrawer } from '@carebase/contracts';
import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryTable } from '../../components/catalog/query-table.tsx';
import { ActionsTh } from '../../components/data-table.tsx';
import { Empty } from '../../components/empty.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { todayIn } from '../scheduling/time-off-model.ts';
import { useDrawersOfDay } from './cash-drawer.queries.ts';
import { DifferenceText, DrawerStatusBadge } from './drawer-summary.tsx';

interface DrawersOfDayProps {
  /** Given to a supervisor (drawers:reopen): closed drawers offer Reopen. */
  onReopen?: (drawer: CashDrawer) => void;
}

/** Every cashier's drawer of a day (today unless another is picked), for billing:read. */
export function DrawersOfDay({ onReopen }: DrawersOfDayProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  // Cleared, the day is the clinic's today as the server reckons it.
  const [day, setDay] = useState(() => todayIn(format.context.timeZone));
  const drawers = useDrawersOfDay(day);

  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Stack gap={2}>
            <Title order={2} fz="h4">
              {t('billing.drawer.allTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('billing.drawer.allDescription')}
            </Text>
          </Stack>
          <TextInput
            type="date"
            label={t('billing.drawer.day')}
            value={day}
            onChange={(e) => setDay(e.currentTarget.value)}
            w={180}
          />
        </Group>
        <QueryTable
          query={drawers}
          minWidth={860}
          empty={<Empty title={t('billing.drawer.noDrawers')} />}
          head={
            <>
              <Table.Th>{t('billing.drawer.cashier')}</Table.Th>
              <Table.Th>{t('billing.drawer.statusColumn')}</Table.Th>
              <Table.Th ta="right">{t('billing.drawer.float')}</Table.Th>
              <Table.Th ta="right">{t('billing.drawer.cashIn')}</Table.Th>
              <Table.Th ta="right">{t('billing.drawer.cashOut')}</Table.Th>
              <Table.Th ta="right">{t('billing.drawer.expected')}</Table.Th>
              <Table.Th ta="right">{t('billing.drawer.counted')}</Table.Th>
              <Table.Th>{t('billing.drawer.difference')}</Table.Th>
              {onReopen ? <ActionsTh /> : null}
            </>
          }
        >
          {(items) =>
            items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.cashierName}</Table.Td>
                <Table.Td>
                  <DrawerStatusBadge status={d.status} />
                </Table.Td>
                <Table.Td ta="right">{format.money(d.openingFloatMinor)}</Table.Td>
                <Table.Td ta="right">{format.money(d.cashInMinor)}</Table.Td>
                <Table.Td ta="right">{format.money(d.cashOutMinor)}</Table.Td>
                <Table.Td ta="right">{format.money(d.expectedMinor)}</Table.Td>
                <Table.Td ta="right">{d.countedMinor === null ? '' : format.money(d.countedMinor)}</Table.Td>
                <Table.Td>
                  {d.differenceMinor === null ? null : <DifferenceText minor={d.differenceMinor} />}
                </Table.Td>
                {onReopen ? (
                  <Table.Td>
                    {d.status === 'closed' ? (
                      <Button size="xs" variant="default" onClick={() => onReopen(d)}>
                        {t('billing.drawer.reopen')}
                      </Button>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))
          }
        </QueryTable>
      </Stack>
    </Paper>
  );
}
