import type { QueueDepartment } from '@carebase/contracts';
import { Badge, Grid, Group, Paper, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { clinicDayRange } from './clinic-day.ts';
import { useQueue, useQueueDepartments } from './queue.queries.ts';
import { isActiveTicket } from './queue-format.ts';
import { QueueTable } from './queue-table.tsx';
import { TodaysAppointments } from './todays-appointments.tsx';
import { WalkInForm } from './walk-in-form.tsx';

/** The chosen department, kept in the address (?department=), else the first one. */
export function useDepartmentChoice(departments: readonly QueueDepartment[] | undefined) {
  const [params, setParams] = useSearchParams();
  const wanted = params.get('department');
  const current = departments?.find((d) => d.key === wanted) ?? departments?.[0];
  const choose = (key: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('department', key);
        return next;
      },
      { replace: true },
    );
  return [current, choose] as const;
}

export function DepartmentSwitch({
  departments,
  value,
  onChange,
}: {
  departments: readonly QueueDepartment[];
  value: string;
  onChange: (key: string) => void;
}) {
  const { t } = useTranslation();
  if (departments.length < 2) return null;
  return (
    <SegmentedControl
      aria-label={t('queue.department')}
      value={value}
      onChange={onChange}
      data={departments.map((d) => ({ value: d.key, label: d.name }))}
    />
  );
}

function LiveQueue({
  department,
  departments,
}: {
  department: QueueDepartment;
  departments: QueueDepartment[];
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [showFinished, setShowFinished] = useState(false);
  const queue = useQueue({ department: department.key });
  const items = queue.data?.items ?? [];
  const shown = showFinished ? items : items.filter(isActiveTicket);
  const waiting = items.filter((i) => i.status === 'waiting').length;
  const rights = {
    write: hasPermission(me, 'queue:write'),
    call: hasPermission(me, 'queue:call'),
    chartWrite: hasPermission(me, 'chart:write'),
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="live-queue">
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={2} fz="h4" id="live-queue">
            {t('queue.live.title')} · {department.name}
          </Title>
          <Badge variant="light" aria-live="polite">
            {t('queue.live.waitingCount', { count: waiting })}
          </Badge>
        </Group>
        <Switch
          label={t('queue.live.showFinished')}
          checked={showFinished}
          onChange={(e) => setShowFinished(e.currentTarget.checked)}
        />
      </Group>
      {queue.isPending ? <TableSkeleton rows={4} /> : null}
      {queue.isError ? <QueryError error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.isSuccess && shown.length === 0 ? (
        <Empty title={t('queue.live.empty')} description={t('queue.live.emptyHint')} />
      ) : null}
      {shown.length > 0 ? (
        <QueueTable
          items={shown}
          label={t('queue.live.listLabel', { department: department.name })}
          rights={rights}
          departments={departments}
        />
      ) : null}
      {queue.data?.truncated ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('queue.live.truncated')}
        </Text>
      ) : null}
    </Paper>
  );
}

/** The receptionist's desk: today's appointments to check in, walk-ins, and the live queue. */
export function FrontDeskPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const departments = useQueueDepartments();
  const [department, choose] = useDepartmentChoice(departments.data?.items);
  const timeZone = format.context.timeZone;
  const range = useMemo(() => clinicDayRange(timeZone), [timeZone]);
  const canWrite = hasPermission(me, 'queue:write');
  const canSeeAppointments = hasPermission(me, 'appointments:read');

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('queue.desk.title')}
        description={t('queue.desk.description')}
        actions={
          department && departments.data ? (
            <DepartmentSwitch departments={departments.data.items} value={department.key} onChange={choose} />
          ) : null
        }
      />
      {departments.isError ? (
        <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
      ) : null}
      {canSeeAppointments || canWrite ? (
        <Grid gap="lg">
          {canSeeAppointments ? (
            <Grid.Col span={{ base: 12, lg: canWrite ? 7 : 12 }}>
              <TodaysAppointments from={range?.from ?? null} to={range?.to ?? null} canCheckIn={canWrite} />
            </Grid.Col>
          ) : null}
          {canWrite && department && departments.data ? (
            <Grid.Col span={{ base: 12, lg: canSeeAppointments ? 5 : 12 }}>
              <WalkInForm
                departments={departments.data.items}
                departmentKey={department.key}
                canRegister={hasPermission(me, 'patients:write')}
              />
            </Grid.Col>
          ) : null}
        </Grid>
      ) : null}
      {department && departments.data ? (
        <LiveQueue department={department} departments={departments.data.items} />
      ) : null}
    </Stack>
  );
}
