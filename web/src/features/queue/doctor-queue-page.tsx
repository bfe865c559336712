import type { QueueDepartment, QueueTicket } from '@carebase/contracts';
import { Button, Card, Grid, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DepartmentSwitch, useDepartmentChoice } from './front-desk-page.tsx';
import {
  useCallNext,
  useQueue,
  useQueueDepartments,
  useVisitAction,
  type VisitAction,
} from './queue.queries.ts';
import { PriorityBadge, StatusBadge } from './queue-badges.tsx';
import { currentWith, visitPath, waitingFor } from './queue-format.ts';
import { TransferModal } from './transfer-modal.tsx';

const ROOM_STORAGE = 'carebase.queue.room';

/** The room this device calls to, remembered between visits to the page. */
function useRoomChoice(): [string | null, (roomId: string | null) => void] {
  const [roomId, setRoomId] = useState<string | null>(() => {
    try {
      return localStorage.getItem(ROOM_STORAGE);
    } catch {
      return null;
    }
  });
  const choose = (value: string | null) => {
    setRoomId(value);
    try {
      if (value) localStorage.setItem(ROOM_STORAGE, value);
      else localStorage.removeItem(ROOM_STORAGE);
    } catch {
      // not fatal: the choice lasts for this page only
    }
  };
  return [roomId, choose];
}

function CurrentPatient({
  ticket,
  departments,
}: {
  ticket: QueueTicket;
  departments: readonly QueueDepartment[];
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const navigate = useNavigate();
  const action = useVisitAction();
  const [transferring, setTransferring] = useState(false);
  const readsCharts = hasPermission(me, 'chart:read');
  const run = (kind: VisitAction) =>
    action.mutate(
      { id: ticket.id, action: kind },
      {
        onSuccess: (changed) => {
          notify.success(
            t('queue.actions.applied', {
              ticket: changed.ticket,
              status: t(`queue.statuses.${changed.status}`),
            }),
          );
          // A patient called from the waiting room has come in: their encounter opens with the consultation.
          if (kind === 'start' && readsCharts) void navigate(visitPath(changed));
        },
        onError: notify.error,
      },
    );
  const chartLink = visitPath(ticket);
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-label={ticket.ticket}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text fz={40} fw={800} ff="monospace" lh={1}>
            {ticket.ticket}
          </Text>
          <Text fw={600}>{ticket.patientName}</Text>
          <Text size="sm" c="dimmed">
            {ticket.mrn}
            {ticket.roomName ? ` · ${ticket.roomName}` : ''}
          </Text>
          {ticket.triageNote ? <Text size="sm">{ticket.triageNote}</Text> : null}
        </Stack>
        <Stack gap={6} align="flex-end">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} reason={ticket.priorityReason} />
        </Stack>
      </Group>
      <Group mt="md" gap="sm">
        {ticket.status === 'called' ? (
          <Button onClick={() => run('start')} loading={action.isPending}>
            {t('queue.actions.start')}
          </Button>
        ) : null}
        <Button color="teal" onClick={() => run('done')} loading={action.isPending}>
          {t('queue.actions.done')}
        </Button>
        {ticket.status === 'called' ? (
          <Button variant="default" onClick={() => run('skip')} loading={action.isPending}>
            {t('queue.actions.skip')}
          </Button>
        ) : null}
        <Button variant="default" onClick={() => setTransferring(true)}>
          {t('queue.actions.transfer')}
        </Button>
        {readsCharts ? (
          <Button component={Link} to={chartLink} variant="light">
            {ticket.encounterId ? t('queue.doctor.openEncounter') : t('queue.doctor.openChart')}
          </Button>
        ) : null}
      </Group>
      {transferring ? (
        <TransferModal ticket={ticket} departments={departments} onClose={() => setTransferring(false)} />
      ) : null}
    </Card>
  );
}

/** The doctor's panel: call the next patient, work through the current ones, see who is waiting. */
export function DoctorQueuePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const departments = useQueueDepartments();
  const [department, choose] = useDepartmentChoice(departments.data?.items);
  const [roomId, setRoomId] = useRoomChoice();
  const queue = useQueue({ department: department?.key }, Boolean(department));
  const callNext = useCallNext();
  const items = queue.data?.items ?? [];
  const current = currentWith(items, me.id);
  const waiting = waitingFor(items, me.id);
  const rooms = department?.rooms ?? [];
  const room = rooms.find((r) => r.id === roomId) ?? null;

  const navigate = useNavigate();
  const readsCharts = hasPermission(me, 'chart:read');

  /**
   * `start`: the patient is seen now; the call, the start of the consultation and the encounter are one step,
   * and the doctor lands in the encounter. Without it the patient is called from the waiting room first.
   */
  const call = (start: boolean) => {
    if (!department) return;
    callNext.mutate(
      { departmentKey: department.key, ...(room ? { roomId: room.id } : {}), ...(start ? { start } : {}) },
      {
        onSuccess: (ticket) => {
          const names = { ticket: ticket.ticket, name: ticket.patientName };
          notify.success(start ? t('queue.doctor.seeing', names) : t('queue.doctor.called', names));
          if (start && readsCharts) void navigate(visitPath(ticket));
        },
        onError: notify.error,
      },
    );
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('queue.doctor.title')}
        description={t('queue.doctor.description')}
        actions={
          department && departments.data ? (
            <DepartmentSwitch departments={departments.data.items} value={department.key} onChange={choose} />
          ) : null
        }
      />
      {departments.isError ? (
        <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
      ) : null}
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="md">
          <Select
            label={t('queue.doctor.room')}
            placeholder={t('queue.noRoom')}
            value={room?.id ?? null}
            onChange={setRoomId}
            data={rooms.map((r) => ({ value: r.id, label: r.name }))}
            clearable
            w={240}
          />
          <Button
            size="md"
            onClick={() => call(true)}
            loading={callNext.isPending && callNext.variables?.start === true}
            disabled={!department || callNext.isPending}
          >
            {t('queue.doctor.seeNext')}
          </Button>
          <Button
            size="md"
            variant="default"
            onClick={() => call(false)}
            loading={callNext.isPending && !callNext.variables?.start}
            disabled={!department || callNext.isPending}
          >
            {t('queue.doctor.callOnly')}
          </Button>
        </Group>
      </Paper>
      {queue.isError ? <QueryError error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm" component="section" aria-labelledby="with-you-now">
            <Title order={2} fz="h4" id="with-you-now">
              {t('queue.doctor.current')}
            </Title>
            {queue.isPending && department ? <TableSkeleton rows={2} /> : null}
            {queue.isSuccess && current.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('queue.doctor.noCurrent')}
              </Text>
            ) : null}
            {current.map((ticket) => (
              <CurrentPatient key={ticket.id} ticket={ticket} departments={departments.data?.items ?? []} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="waiting-for-you">
            <Title order={2} fz="h4" mb="sm" id="waiting-for-you">
              {t('queue.doctor.waiting')}
            </Title>
            {queue.isSuccess && waiting.length === 0 ? (
              <Empty
                title={t('queue.doctor.emptyWaiting')}
                description={t('queue.doctor.emptyWaitingHint')}
              />
            ) : null}
            <SimpleGrid
              cols={1}
              spacing="xs"
              component="ol"
              className="plain-list"
              aria-label={t('queue.doctor.waitingLabel')}
            >
              {waiting.map((ticket) => (
                <Group key={ticket.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                  <Group gap="sm" wrap="nowrap">
                    <Text fw={700} ff="monospace" size="lg">
                      {ticket.ticket}
                    </Text>
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {ticket.patientName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {ticket.providerName ?? t('queue.unassigned')}
                        {ticket.estimatedWaitMinutes !== null
                          ? ` · ${t('queue.doctor.estimate', { count: ticket.estimatedWaitMinutes })}`
                          : ''}
                      </Text>
                    </Stack>
                  </Group>
                  <PriorityBadge priority={ticket.priority} reason={ticket.priorityReason} />
                </Group>
              ))}
            </SimpleGrid>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
