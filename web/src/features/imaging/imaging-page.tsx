import './imaging-i18n.ts';
import type { Permission } from '@carebase/contracts';
import { Paper, Tabs } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { ActivityTab } from './activity-tab.tsx';
import { OrthancTab } from './orthanc-tab.tsx';
import { PeersTab } from './peers-tab.tsx';
import { ReconcileTab } from './reconcile-tab.tsx';
import { StudiesTab } from './studies-tab.tsx';

const TABS = ['studies', 'reconcile', 'peers', 'activity', 'orthanc'] as const;
type Tab = (typeof TABS)[number];

const TAB_PERMISSIONS: Record<Tab, Permission> = {
  studies: 'imaging:read',
  reconcile: 'imaging:reconcile',
  peers: 'imaging:admin',
  activity: 'imaging:admin',
  orthanc: 'imaging:admin',
};

const TAB_PANELS: Record<Tab, ComponentType> = {
  studies: StudiesTab,
  reconcile: ReconcileTab,
  peers: PeersTab,
  activity: ActivityTab,
  orthanc: OrthancTab,
};

/** `/imaging`: the studies of the archive, their reconciling, and (for administrators) its DICOM links. */
export function ImagingPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((tab) => hasPermission(me, TAB_PERMISSIONS[tab]));
  const requested = params.get('tab');
  const tab: Tab = tabs.find((value) => value === requested) ?? 'studies';

  // Each tab keeps its place in the address; the studies' filters are left behind when moving away.
  const select = (value: string | null) =>
    setParams(
      () => (value && value !== 'studies' ? new URLSearchParams({ tab: value }) : new URLSearchParams()),
      {
        replace: true,
      },
    );

  return (
    <>
      <PageHeader title={t('imaging.title')} description={t('imaging.description')} />
      <Tabs value={tab} onChange={select} keepMounted={false}>
        {tabs.length > 1 ? (
          <Tabs.List aria-label={t('imaging.tabs.label')} mb="md">
            {tabs.map((value) => (
              <Tabs.Tab key={value} value={value}>
                {t(`imaging.tabs.${value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        ) : null}
        {tabs.map((value) => {
          const Panel = TAB_PANELS[value];
          return (
            <Tabs.Panel key={value} value={value}>
              {value === 'studies' ? (
                <Panel />
              ) : (
                <Paper withBorder p="md" radius="md">
                  <Panel />
                </Paper>
              )}
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </>
  );
}
