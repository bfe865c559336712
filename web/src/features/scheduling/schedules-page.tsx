import { Paper, Tabs } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DepartmentsTab } from './departments-tab.tsx';
import { RoomsTab } from './rooms-tab.tsx';
import { ServicesTab } from './services-tab.tsx';
import { TimeOffTab } from './time-off-tab.tsx';
import { WeeklyHoursTab } from './weekly-hours-tab.tsx';

const TABS = ['services', 'hours', 'time-off', 'rooms', 'departments'] as const;
type Tab = (typeof TABS)[number];

const TAB_LABEL_KEYS = {
  services: 'schedules.tabs.services',
  hours: 'schedules.tabs.hours',
  'time-off': 'schedules.tabs.timeOff',
  rooms: 'schedules.tabs.rooms',
  departments: 'schedules.tabs.departments',
} as const;

const TAB_PANELS: Record<Tab, ComponentType<{ canWrite: boolean }>> = {
  services: ServicesTab,
  hours: WeeklyHoursTab,
  'time-off': TimeOffTab,
  rooms: RoomsTab,
  departments: DepartmentsTab,
};

/** `/schedules`: what the clinic offers, who works when, and where. Editing needs schedules:write. */
export function SchedulesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const canWrite = hasPermission(me, 'schedules:write');
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'services';

  const select = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams();
        if (value && value !== 'services') next.set('tab', value);
        // The provider picked in the hours tab stays when moving between tabs.
        const provider = current.get('provider');
        if (provider) next.set('provider', provider);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={t('schedules.title')}
        description={t('schedules.description', { timeZone: format.context.timeZone })}
      />
      <Tabs value={tab} onChange={select} keepMounted={false}>
        <Tabs.List aria-label={t('schedules.tabs.label')} mb="md">
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(TAB_LABEL_KEYS[value])}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Paper withBorder p="md" radius="md">
          {TABS.map((value) => {
            const Panel = TAB_PANELS[value];
            return (
              <Tabs.Panel key={value} value={value}>
                <Panel canWrite={canWrite} />
              </Tabs.Panel>
            );
          })}
        </Paper>
      </Tabs>
    </>
  );
}
