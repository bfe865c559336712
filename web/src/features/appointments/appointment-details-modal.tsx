import type { Appointment } from '@carebase/contracts';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useProviders } from '../scheduling/scheduling.queries.ts';
import { AppointmentStatusBadge } from './appointment-status.tsx';
import {
  useCancelAppointment,
  useCompleteAppointment,
  useMarkNoShow,
  useRescheduleAppointment,
} from './appointments.queries.ts';
import { wallClock } from './calendar-model.ts';
import { SlotPicker } from './slot-picker.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </Stack>
  );
}

/** The move form: another provider of the same service, another day, one of the free times. */
function MoveForm({ appointment, onDone }: { appointment: Appointment; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const timeZone = format.context.timeZone;
  const providers = useProviders();
  const move = useRescheduleAppointment();
  const [providerId, setProviderId] = useState(appointment.providerId);
  const [date, setDate] = useState(wallClock(appointment.startsAt, timeZone).date);
  const options = (providers.data ?? [])
    .filter((p) => p.serviceIds.includes(appointment.serviceId) || p.id === appointment.providerId)
    .map((p) => ({ value: p.id, label: p.name }));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('appointments.details.moveHint')}
      </Text>
      <Select
        label={t('appointments.details.provider')}
        data={options}
        value={providerId}
        onChange={(value) => value && setProviderId(value)}
        allowDeselect={false}
      />
      <SlotPicker
        providerId={providerId}
        serviceId={appointment.serviceId}
        exceptId={appointment.id}
        timeZone={timeZone}
        date={date}
        onDateChange={setDate}
        selected={null}
        onPick={(slot) =>
          move.mutate(
            {
              id: appointment.id,
              patch: {
                startsAt: slot.startsAt,
                ...(providerId !== appointment.providerId ? { providerId } : {}),
              },
            },
            {
              onSuccess: (moved) => {
                notify.success(t('appointments.calendar.moved', { time: format.dateTime(moved.startsAt) }));
                onDone();
              },
            },
          )
        }
      />
      <FormError error={move.error} />
    </Stack>
  );
}

function CancelForm({ appointment, onDone }: { appointment: Appointment; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const cancel = useCancelAppointment();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const submit = () => {
    setTouched(true);
    if (!reason.trim()) return;
    cancel.mutate(
      { id: appointment.id, reason: reason.trim() },
      {
        onSuccess: () => {
          notify.success(t('appointments.details.cancelled'));
          onDone();
        },
      },
    );
  };
  return (
    <Stack gap="sm">
      <Textarea
        label={t('appointments.details.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={touched && !reason.trim() ? t('validation.required') : undefined}
        maxLength={500}
        autosize
        minRows={2}
        required
        data-autofocus
      />
      <FormError error={cancel.error} />
      <Group justify="flex-end">
        <Button color="red" onClick={submit} loading={cancel.isPending}>
          {t('appointments.details.confirmCancel')}
        </Button>
      </Group>
    </Stack>
  );
}

type Mode = 'view' | 'move' | 'cancel';

/**
 * One appointment: what, who, when, and the actions its status allows. Moving here is the keyboard
 * alternative to dragging the block in the calendar.
 */
export function AppointmentDetailsModal({
  appointment,
  canWrite,
  onClose,
}: {
  appointment: Appointment;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const [mode, setMode] = useState<Mode>('view');
  const timeOf = (iso: string) =>
    new Intl.DateTimeFormat(format.context.language, {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: format.context.timeZone,
    }).format(new Date(iso));
  const noShow = useMarkNoShow();
  const complete = useCompleteAppointment();
  const booked = appointment.status === 'booked';
  const started = Date.parse(appointment.startsAt) <= Date.now();
  const title =
    mode === 'move'
      ? t('appointments.details.moveTitle', { name: appointment.patientName })
      : mode === 'cancel'
        ? t('appointments.details.cancelTitle', { name: appointment.patientName })
        : t('appointments.details.title');

  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered>
      {mode === 'move' ? (
        <MoveForm appointment={appointment} onDone={onClose} />
      ) : mode === 'cancel' ? (
        <CancelForm appointment={appointment} onDone={onClose} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
            <Field label={t('appointments.details.patient')}>
              {appointment.patientName} ({appointment.patientMrn})
            </Field>
            <Field label={t('appointments.details.status')}>
              <AppointmentStatusBadge status={appointment.status} />
            </Field>
            <Field label={t('appointments.details.when')}>
              {format.dateTime(appointment.startsAt)} – {timeOf(appointment.endsAt)}
            </Field>
            <Field label={t('appointments.details.service')}>{appointment.serviceName}</Field>
            <Field label={t('appointments.details.provider')}>{appointment.providerName}</Field>
            <Field label={t('appointments.details.room')}>
              {appointment.roomName ?? t('appointments.calendar.noRoom')}
            </Field>
            <Field label={t('appointments.details.bookedVia')}>
              {t(`appointments.details.via.${appointment.bookedVia}`)}
            </Field>
            {appointment.notes ? (
              <Field label={t('appointments.details.notes')}>{appointment.notes}</Field>
            ) : null}
            {appointment.cancelReason ? (
              <Field label={t('appointments.details.cancelReason')}>{appointment.cancelReason}</Field>
            ) : null}
            {appointment.seriesId ? (
              <Field label={t('appointments.details.series')}>{t('common.yes')}</Field>
            ) : null}
          </SimpleGrid>
          <FormError error={noShow.error ?? complete.error} />
          {canWrite ? (
            <Group justify="flex-end" gap="sm">
              {booked && started ? (
                <Button
                  variant="default"
                  loading={noShow.isPending}
                  onClick={() =>
                    noShow.mutate(appointment.id, {
                      onSuccess: () => {
                        notify.success(t('appointments.details.noShowDone'));
                        onClose();
                      },
                    })
                  }
                >
                  {t('appointments.details.noShow')}
                </Button>
              ) : null}
              {appointment.status === 'in_consultation' ? (
                <Button
                  loading={complete.isPending}
                  onClick={() =>
                    complete.mutate(appointment.id, {
                      onSuccess: () => {
                        notify.success(t('appointments.details.completed'));
                        onClose();
                      },
                    })
                  }
                >
                  {t('appointments.details.complete')}
                </Button>
              ) : null}
              {booked ? (
                <>
                  <Button variant="default" color="red" onClick={() => setMode('cancel')}>
                    {t('appointments.details.cancel')}
                  </Button>
                  <Button onClick={() => setMode('move')} data-autofocus>
                    {t('appointments.details.move')}
                  </Button>
                </>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      )}
    </Modal>
  );
}
