import { Badge, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useAlerts } from './monitoring.queries.ts';
import { useAlertSentence } from './use-alert-sentence.ts';

/** Every alert, firing and resolved, newest first, a page at a time. */
export function AlertHistory() {
  const { t } = useTranslation();
  const sentence = useAlertSentence();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const alerts = useAlerts(paging);
  const items = alerts.data?.items ?? [];
  return (
    <QueryStates
      query={alerts}
      isEmpty={items.length === 0}
      empty={<Empty title={t('monitoring.alerts.historyEmpty')} />}
    >
      <DataTable
        minWidth={900}
        striped
        head={
          <>
            <Table.Th>{t('monitoring.alerts.columns.alert')}</Table.Th>
            <Table.Th>{t('monitoring.alerts.columns.status')}</Table.Th>
            <Table.Th>{t('monitoring.alerts.columns.firedAt')}</Table.Th>
            <Table.Th>{t('monitoring.alerts.columns.resolvedAt')}</Table.Th>
            <Table.Th>{t('monitoring.alerts.columns.notifiedAt')}</Table.Th>
          </>
        }
      >
        {items.map((alert) => (
          <Table.Tr key={alert.id}>
            <Table.Td maw={480}>
              <Text size="sm" fw={600}>
                {t(`monitoring.rules.${alert.rule}.name`)}
              </Text>
              <Text size="sm">{sentence(alert)}</Text>
            </Table.Td>
            <Table.Td>
              <Badge
                color={
                  alert.status === 'resolved' ? 'teal' : alert.severity === 'critical' ? 'red' : 'orange'
                }
                variant={alert.status === 'resolved' ? 'light' : 'filled'}
              >
                {t(`monitoring.alertStatuses.${alert.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <DateTimeText value={alert.firedAt} />
            </Table.Td>
            <Table.Td>
              <DateTimeText value={alert.resolvedAt} />
            </Table.Td>
            <Table.Td>
              <DateTimeText value={alert.notifiedAt} empty={t('monitoring.alerts.notNotified')} />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ListFooter
        total={alerts.data?.total ?? 0}
        page={paging.page}
        pageSize={paging.pageSize}
        onPage={(page) => setPaging((p) => ({ ...p, page }))}
        onPageSize={(pageSize) => setPaging({ page: 1, pageSize })}
      />
    </QueryStates>
  );
}
