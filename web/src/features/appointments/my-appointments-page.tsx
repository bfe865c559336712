import type { Appointment, AvailabilitySlot, SelfBookingRules } from '@carebase/contracts';
import { Alert, Button, Group, Modal, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { todayInZone } from '../patients/patient-age.ts';
import { useProviders, useServices } from '../scheduling/scheduling.queries.ts';
import { AppointmentStatusBadge } from './appointment-status.tsx';
import {
  useBookAppointment,
  useCancelAppointment,
  useMyAppointments,
  useRescheduleAppointment,
  useSelfBookingRules,
} from './appointments.queries.ts';
import { addDays, wallClock } from './calendar-model.ts';
import { SlotPicker } from './slot-picker.tsx';

const HOUR = 3_600_000;

function useDayLimits(rules: SelfBookingRules) {
  const today = todayInZone(rules.timeZone);
  return { minDate: today, maxDate: addDays(today, rules.maxDaysAhead) };
}

function CancelModal({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const cancel = useCancelAppointment();
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('appointments.details.cancel')} centered>
      <Stack>
        <Textarea
          label={t('appointments.details.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={500}
          required
          data-autofocus
        />
        <FormError error={cancel.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('appointments.details.keep')}
          </Button>
          <Button
            color="red"
            disabled={!reason.trim()}
            loading={cancel.isPending}
            onClick={() =>
              cancel.mutate(
                { id: appointment.id, reason: reason.trim() },
                {
                  onSuccess: () => {
                    notify.success(t('appointments.details.cancelled'));
                    onClose();
                  },
                },
              )
            }
          >
            {t('appointments.details.confirmCancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function MoveModal({
  appointment,
  rules,
  onClose,
}: {
  appointment: Appointment;
  rules: SelfBookingRules;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const move = useRescheduleAppointment();
  const limits = useDayLimits(rules);
  const [date, setDate] = useState(wallClock(appointment.startsAt, rules.timeZone).date);
  return (
    <Modal opened onClose={onClose} title={t('appointments.mine.move')} size="lg" centered>
      <Stack>
        <SlotPicker
          providerId={appointment.providerId}
          serviceId={appointment.serviceId}
          exceptId={appointment.id}
          timeZone={rules.timeZone}
          date={date}
          onDateChange={setDate}
          selected={null}
          {...limits}
          onPick={(slot) =>
            move.mutate(
              { id: appointment.id, patch: { startsAt: slot.startsAt } },
              {
                onSuccess: (moved) => {
                  notify.success(t('appointments.mine.moved', { time: format.dateTime(moved.startsAt) }));
                  onClose();
                },
              },
            )
          }
        />
        <FormError error={move.error} />
      </Stack>
    </Modal>
  );
}

function Upcoming({ rules }: { rules: SelfBookingRules }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [from] = useState(() => new Date().toISOString());
  const list = useMyAppointments(from);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const items = (list.data?.items ?? []).filter((a) => a.status !== 'cancelled');

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="upcoming-title">
      <Title order={2} fz="h4" mb="sm" id="upcoming-title">
        {t('appointments.mine.upcoming')}
      </Title>
      {list.isPending ? <TableSkeleton rows={2} /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <Empty title={t('appointments.mine.none')} /> : null}
      <Stack gap="sm" component="ul" className="plain-list">
        {items.map((a) => {
          const changeable =
            rules.enabled &&
            a.status === 'booked' &&
            Date.parse(a.startsAt) - Date.now() >= rules.cancelCutoffHours * HOUR;
          return (
            <Paper key={a.id} withBorder p="sm" radius="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Stack gap={2}>
                  <Text fw={600}>{format.dateTime(a.startsAt)}</Text>
                  <Text size="sm">
                    {a.serviceName} · {a.providerName}
                  </Text>
                  <AppointmentStatusBadge status={a.status} />
                </Stack>
                {changeable ? (
                  <Group gap="xs">
                    <Button variant="default" onClick={() => setMoving(a)}>
                      {t('appointments.mine.move')}
                    </Button>
                    <Button variant="default" color="red" onClick={() => setCancelling(a)}>
                      {t('appointments.mine.cancel')}
                    </Button>
                  </Group>
                ) : a.status === 'booked' && rules.enabled ? (
                  <Text size="sm" c="dimmed" maw={320}>
                    {t('appointments.mine.tooLate', { hours: rules.cancelCutoffHours })}
                  </Text>
                ) : null}
              </Group>
            </Paper>
          );
        })}
      </Stack>
      {cancelling ? <CancelModal appointment={cancelling} onClose={() => setCancelling(null)} /> : null}
      {moving ? <MoveModal appointment={moving} rules={rules} onClose={() => setMoving(null)} /> : null}
    </Paper>
  );
}

function BookForm({ rules }: { rules: SelfBookingRules }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const services = useServices();
  const providers = useProviders();
  const book = useBookAppointment();
  const limits = useDayLimits(rules);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [date, setDate] = useState(limits.minDate);
  const [slot, setSlot] = useState<AvailabilitySlot | null>(null);
  const [notes, setNotes] = useState('');
  const service = services.data?.find((s) => s.id === serviceId);
  const offering = (providers.data ?? []).filter((p) => p.serviceIds.includes(serviceId ?? ''));

  const submit = () => {
    if (!serviceId || !providerId || !slot) return;
    book.mutate(
      { serviceId, providerId, startsAt: slot.startsAt, ...(notes.trim() ? { notes: notes.trim() } : {}) },
      {
        onSuccess: (a) => {
          notify.success(t('appointments.mine.booked', { time: format.dateTime(a.startsAt) }));
          setSlot(null);
          setNotes('');
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="book-title">
      <Title order={2} fz="h4" mb="sm" id="book-title">
        {t('appointments.mine.book')}
      </Title>
      <Stack gap="sm">
        <Select
          label={t('appointments.mine.chooseService')}
          data={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={serviceId}
          onChange={(id) => {
            setServiceId(id);
            setProviderId(null);
            setSlot(null);
          }}
        />
        {service ? (
          offering.length === 0 ? (
            <Text c="dimmed">{t('appointments.wizard.noProviders')}</Text>
          ) : (
            <Select
              label={t('appointments.mine.chooseProvider')}
              data={offering.map((p) => ({ value: p.id, label: p.name }))}
              value={providerId}
              onChange={(id) => {
                setProviderId(id);
                setSlot(null);
              }}
            />
          )
        ) : null}
        {service && providerId ? (
          <SlotPicker
            providerId={providerId}
            serviceId={service.id}
            timeZone={rules.timeZone}
            date={date}
            onDateChange={setDate}
            selected={slot?.startsAt ?? null}
            onPick={setSlot}
            {...limits}
          />
        ) : null}
        {slot ? (
          <>
            <Textarea
              label={t('appointments.wizard.notes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              maxLength={2000}
              autosize
              minRows={2}
            />
            <FormError error={book.error} />
            <Group>
              <Button onClick={submit} loading={book.isPending}>
                {t('appointments.wizard.book')} · {format.dateTime(slot.startsAt)}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** `/my-appointments`: a patient's upcoming appointments, with moving, cancelling and booking online. */
export function MyAppointmentsPage() {
  const { t } = useTranslation();
  const rules = useSelfBookingRules();
  return (
    <>
      <PageHeader title={t('appointments.mine.title')} description={t('appointments.mine.description')} />
      {rules.isPending ? <TableSkeleton rows={3} /> : null}
      {rules.isError ? <QueryError error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      {rules.data ? (
        <Stack gap="lg">
          {rules.data.enabled ? (
            <Text size="sm" c="dimmed">
              {t('appointments.mine.rules', {
                days: rules.data.maxDaysAhead,
                hours: rules.data.cancelCutoffHours,
              })}
            </Text>
          ) : (
            <Alert color="gray" variant="light">
              {t('appointments.mine.disabled')}
            </Alert>
          )}
          <Upcoming rules={rules.data} />
          {rules.data.enabled ? <BookForm rules={rules.data} /> : null}
        </Stack>
      ) : null}
    </>
  );
}
