import type { Appointment } from '@carebase/contracts';
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionsTh, DataTable } from '../../components/data-table.tsx';
import { Empty } from '../../components/empty.tsx';
import { FormError } from '../../components/query-error.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { NORMAL_PRIORITY, PriorityFields, type PriorityValue } from './priority-fields.tsx';
import { useAppointmentsOfDay, useCheckIn } from './queue.queries.ts';
import { formatTime } from './queue-format.ts';

function CheckInModal({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const checkIn = useCheckIn();
  const [priority, setPriority] = useState<PriorityValue>(NORMAL_PRIORITY);
  const submit = () =>
    checkIn.mutate(
      {
        appointmentId: appointment.id,
        priority: priority.priority,
        ...(priority.reason ? { priorityReason: priority.reason } : {}),
      },
      {
        onSuccess: (ticket) => {
          notify.success(
            t('queue.appointments.checkedIn', { name: appointment.patientName, ticket: ticket.ticket }),
          );
          onClose();
        },
      },
    );
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('queue.appointments.checkInOf', { name: appointment.patientName })}
      centered
    >
      <Stack>
        <PriorityFields value={priority} onChange={setPriority} />
        <FormError error={checkIn.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={checkIn.isPending} data-autofocus>
            {t('queue.appointments.checkIn')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The day's appointments in time order, with a Check in button on those still booked. */
export function TodaysAppointments({
  from,
  to,
  canCheckIn,
}: {
  from: string | null;
  to: string | null;
  canCheckIn: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const appointments = useAppointmentsOfDay(from, to);
  const [checking, setChecking] = useState<Appointment | null>(null);
  const items = (appointments.data?.items ?? []).filter((a) => a.status !== 'cancelled');

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="todays-appointments">
      <Title order={2} fz="h4" mb="sm" id="todays-appointments">
        {t('queue.appointments.title')}
      </Title>
      <QueryStates
        query={appointments}
        isEmpty={items.length === 0}
        empty={
          <Empty title={t('queue.appointments.empty')} description={t('queue.appointments.emptyHint')} />
        }
        skeletonRows={3}
      >
        <DataTable
          minWidth={560}
          verticalSpacing="xs"
          aria-label={t('queue.appointments.listLabel')}
          head={
            <>
              <Table.Th>{t('queue.appointments.time')}</Table.Th>
              <Table.Th>{t('queue.appointments.patient')}</Table.Th>
              <Table.Th>{t('queue.appointments.provider')}</Table.Th>
              <Table.Th>{t('queue.appointments.status')}</Table.Th>
              <ActionsTh />
            </>
          }
        >
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <time dateTime={a.startsAt}>{formatTime(a.startsAt, format.context)}</time>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {a.patientName}
                </Text>
                <Text size="xs" c="dimmed">
                  {a.patientMrn} · {a.serviceName}
                </Text>
              </Table.Td>
              <Table.Td>{a.providerName}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={a.status === 'booked' ? 'blue' : 'gray'}>
                  {t(`queue.appointmentStatuses.${a.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                {canCheckIn && a.status === 'booked' ? (
                  <Button
                    size="xs"
                    onClick={() => setChecking(a)}
                    aria-label={t('queue.appointments.checkInOf', { name: a.patientName })}
                  >
                    {t('queue.appointments.checkIn')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </QueryStates>
      {appointments.data?.truncated ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('queue.appointments.truncated')}
        </Text>
      ) : null}
      {checking ? <CheckInModal appointment={checking} onClose={() => setChecking(null)} /> : null}
    </Paper>
  );
}
