import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { AlertHistory } from './alert-history.tsx';
import { AlertRuleRow } from './alert-rule-row.tsx';
import { FiringAlertsList } from './firing-alerts-list.tsx';
import { useAlertRules, useAlerts } from './monitoring.queries.ts';
import { MonitoringSection } from './monitoring-section.tsx';

/** What fires now, what fired before, and the rules behind them. */
export function AlertsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canManage = hasPermission(me, 'alerts:manage');
  const firing = useAlerts({ status: 'firing', pageSize: 50 });
  const rules = useAlertRules();
  const firingItems = firing.data?.items ?? [];
  const ruleItems = rules.data?.items ?? [];
  return (
    <Stack gap="lg">
      <MonitoringSection
        title={t('monitoring.alerts.firing')}
        description={t('monitoring.alerts.firingHint')}
      >
        <QueryStates
          query={firing}
          isEmpty={firingItems.length === 0}
          empty={
            <Text size="sm" c="teal.8">
              {t('monitoring.alerts.noneFiring')}
            </Text>
          }
        >
          <FiringAlertsList alerts={firingItems} />
        </QueryStates>
      </MonitoringSection>
      <MonitoringSection title={t('monitoring.alerts.history')}>
        <AlertHistory />
      </MonitoringSection>
      <MonitoringSection
        title={t('monitoring.rules.title')}
        description={canManage ? t('monitoring.rules.description') : t('monitoring.rules.readOnly')}
      >
        <QueryStates query={rules} isEmpty={ruleItems.length === 0} empty={null}>
          <DataTable
            minWidth={720}
            head={
              <>
                <Table.Th>{t('monitoring.rules.rule')}</Table.Th>
                <Table.Th>{t('monitoring.rules.enabled')}</Table.Th>
                <Table.Th>{t('monitoring.rules.threshold')}</Table.Th>
                <Table.Th>{t('monitoring.rules.default')}</Table.Th>
              </>
            }
          >
            {ruleItems.map((rule) => (
              <AlertRuleRow key={`${rule.key}:${rule.updatedAt}`} rule={rule} canManage={canManage} />
            ))}
          </DataTable>
        </QueryStates>
      </MonitoringSection>
    </Stack>
  );
}
