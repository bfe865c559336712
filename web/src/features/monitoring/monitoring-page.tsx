import { Tabs } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { ActivityTab } from './activity-tab.tsx';
import { AlertsTab } from './alerts-tab.tsx';
import { ApplicationTab } from './application-tab.tsx';
import { DatabaseTab } from './database-tab.tsx';
import { InstancesTab } from './instances-tab.tsx';
import { OverviewTab } from './overview-tab.tsx';

export const MONITORING_TABS = [
  'overview',
  'instances',
  'database',
  'application',
  'activity',
  'alerts',
] as const;
export type MonitoringTab = (typeof MONITORING_TABS)[number];

const TAB_PANELS: Record<MonitoringTab, ComponentType> = {
  overview: OverviewTab,
  instances: InstancesTab,
  database: DatabaseTab,
  application: ApplicationTab,
  activity: ActivityTab,
  alerts: AlertsTab,
};

/** `/monitoring`: servers, database, application, activity and alerts, one tab each; the tab is in the address. */
export function MonitoringPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: MonitoringTab = (MONITORING_TABS as readonly string[]).includes(requested ?? '')
    ? (requested as MonitoringTab)
    : 'overview';

  const select = (value: string | null) =>
    setParams(value && value !== 'overview' ? { tab: value } : {}, { replace: true });

  return (
    <>
      <PageHeader title={t('monitoring.title')} description={t('monitoring.description')} />
      <Tabs value={tab} onChange={select} keepMounted={false}>
        <Tabs.List aria-label={t('monitoring.tabs.label')} mb="lg">
          {MONITORING_TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`monitoring.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {MONITORING_TABS.map((value) => {
          const Panel = TAB_PANELS[value];
          return (
            <Tabs.Panel key={value} value={value}>
              <Panel />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </>
  );
}
