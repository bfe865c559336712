import { Alert, Anchor, Paper, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { IconAlert, IconSearch } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { isApiError } from '../../lib/api.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { NoAccessPage } from '../errors/no-access-page.tsx';
import { MergePatientModal } from '../patients/merge-patient-modal.tsx';
import { usePatientFormat } from '../patients/patient-display.tsx';
import { usePatient } from '../patients/patients.queries.ts';
import { type ChartTab, chartAccessOf, tabOfPath, visibleChartTabs } from './chart-access.ts';
import type { ChartContext } from './chart-context.ts';
import { ChartHeader } from './chart-header.tsx';
import './chart.css';

function MergedNotice({ survivorId, mergedAt }: { survivorId: string; mergedAt: string | null }) {
  const { t } = useTranslation();
  const survivor = usePatient(survivorId);
  const format = usePatientFormat();
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconAlert />}
      title={t('chart.merged.title')}
      mb="md"
      role="status"
    >
      <Text size="sm">
        {t('chart.merged.description', { date: mergedAt ? format.calendarDate(mergedAt.slice(0, 10)) : '' })}{' '}
        <Anchor component={Link} to={`/patients/${survivorId}`} fw={600}>
          {survivor.data
            ? t('chart.merged.open', { name: survivor.data.displayName, mrn: survivor.data.mrn })
            : t('chart.merged.openPlain')}
        </Anchor>
      </Text>
    </Alert>
  );
}

/** `/patients/:patientId/*`: the header and the tabs of one patient's chart. */
export function ChartLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { patientId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [merging, setMerging] = useState(false);
  const allowed = hasPermission(me, 'patients:read') || hasPermission(me, 'portal:self');
  const patient = usePatient(patientId, { enabled: allowed });

  if (!allowed) return <NoAccessPage />;
  if (patient.isPending) {
    return (
      <Paper withBorder p="lg">
        <FormSkeleton fields={3} />
      </Paper>
    );
  }
  if (patient.isError) {
    if (isApiError(patient.error) && patient.error.status === 404) {
      return (
        <Empty
          icon={<IconSearch size={28} />}
          title={t('chart.notFound')}
          description={t('chart.notFoundHint')}
          headingOrder={1}
          action={
            hasPermission(me, 'patients:read') ? (
              <Anchor component={Link} to="/patients">
                {t('chart.backToPatients')}
              </Anchor>
            ) : null
          }
        />
      );
    }
    return <QueryError error={patient.error} onRetry={() => void patient.refetch()} />;
  }

  const record = patient.data;
  const access = chartAccessOf(me.permissions, record.userId === me.id);
  const merged = record.mergedIntoId;
  const tabs: ChartTab[] = merged ? ['details'] : visibleChartTabs(access);
  const fallback = tabs[0] ?? 'details';
  // On the chart's own address the index route moves on to the first tab, under the header already shown.
  const current = tabOfPath(location.pathname, patientId) ?? fallback;
  if (!tabs.includes(current)) {
    return <Navigate to={`/patients/${patientId}/${fallback}`} replace />;
  }
  const context: ChartContext = {
    firstTab: fallback,
    patient: record,
    access: merged
      ? { ...access, writeChart: false, writeDemographics: false, sign: false, prescribe: false }
      : access,
  };

  return (
    <>
      <ChartHeader patient={record} access={access} onMerge={() => setMerging(true)} />
      {merged ? <MergedNotice survivorId={merged} mergedAt={record.mergedAt} /> : null}
      <Tabs
        value={current}
        onChange={(tab) => tab && void navigate(`/patients/${patientId}/${tab}`)}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('chart.tabsLabel')} mb="md">
          {tabs.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`chart.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={current}>
          <Outlet context={context} />
        </Tabs.Panel>
      </Tabs>
      {access.merge && !merged ? (
        <MergePatientModal opened={merging} patient={record} onClose={() => setMerging(false)} />
      ) : null}
    </>
  );
}
