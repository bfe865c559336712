import { type Appointment, WorkingTimeSchema } from '@carebase/contracts';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconChevronRight, IconPlus } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useErrorMessage, useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { api } from '../../lib/api.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { todayInZone } from '../patients/patient-age.ts';
import { scheduleKeys, useProviders, useRooms } from '../scheduling/scheduling.queries.ts';
import { AppointmentDetailsModal } from './appointment-details-modal.tsx';
import { IconChevronLeft } from './appointment-icons.tsx';
import { useAppointments, useRescheduleAppointment } from './appointments.queries.ts';
import { BookingWizard } from './booking-wizard.tsx';
import { type CalendarColumn, CalendarGrid, type Span } from './calendar-grid.tsx';
import {
  addDays,
  type CalendarView,
  localToIso,
  nextChoice,
  rangeOf,
  shownOwners,
  spanOnDate,
  viewDates,
} from './calendar-model.ts';

type Mode = 'provider' | 'room';

/** Cancelled appointments free their time; the calendar leaves them out. */
const SHOWN_STATUSES = ['booked', 'checked_in', 'in_consultation', 'completed', 'no_show'] as const;

function dayLabel(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** `/calendar`: a day or week of appointments per provider or per room, with booking and drag to move. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const notify = useNotify();
  const errorMessage = useErrorMessage();
  const timeZone = format.context.timeZone;
  const canWrite = hasPermission(me, 'appointments:write');

  const [view, setView] = useState<CalendarView>('day');
  const [mode, setMode] = useState<Mode>('provider');
  const [date, setDate] = useState(() => todayInZone(timeZone));
  const [providerIds, setProviderIds] = useState<string[]>([]);
  const [roomIds, setRoomIds] = useState<string[]>([]);
  const [open, setOpen] = useState<Appointment | null>(null);
  const [booking, setBooking] = useState(false);

  const providers = useProviders();
  const rooms = useRooms();
  const move = useRescheduleAppointment();

  const dates = viewDates(view, date);
  const range = rangeOf(dates, timeZone);
  const allProviders = providers.data ?? [];
  const allRooms = (rooms.data ?? []).filter((r) => r.active);
  const providerChoice = shownOwners(view, allProviders, providerIds);
  const roomChoice = shownOwners(view, allRooms, roomIds);
  const shownProviders = providerChoice.shown;
  const shownRooms = roomChoice.shown;

  const columns: CalendarColumn[] = useMemo(() => {
    if (view === 'day') {
      return mode === 'provider'
        ? shownProviders.map((p) => ({ key: p.id, label: p.name, date, providerId: p.id }))
        : shownRooms.map((r) => ({ key: r.id, label: r.name, date, roomId: r.id }));
    }
    const owner = mode === 'provider' ? shownProviders[0] : shownRooms[0];
    if (!owner) return [];
    return dates.map((d) => ({
      key: `${owner.id}:${d}`,
      label: dayLabel(d, i18n.language),
      ariaLabel: `${dayLabel(d, i18n.language)} · ${owner.name}`,
      date: d,
      ...(mode === 'provider' ? { providerId: owner.id } : { roomId: owner.id }),
    }));
  }, [view, mode, date, dates, shownProviders, shownRooms, i18n.language]);

  const single = view === 'week' && columns[0] ? columns[0] : null;
  const appointments = useAppointments(
    range
      ? {
          ...range,
          status: [...SHOWN_STATUSES],
          ...(single?.providerId ? { provider: single.providerId } : {}),
          ...(single?.roomId ? { room: single.roomId } : {}),
        }
      : null,
  );

  // Working time of the providers on screen (in room mode, of everyone, shaded where they work in the room).
  const workingProviders =
    mode === 'provider'
      ? [...new Set(columns.map((c) => c.providerId ?? ''))]
      : allProviders.map((p) => p.id);
  const workingQueries = useQueries({
    queries: workingProviders.filter(Boolean).map((provider) => {
      const q = { provider, from: range?.from ?? '', to: range?.to ?? '' };
      return {
        queryKey: scheduleKeys.workingTime(q),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api.get('/api/working-time', WorkingTimeSchema, { signal, query: q }),
        enabled: range !== null,
      };
    }),
  });
  const working = useMemo(() => {
    const map = new Map<string, Span[]>();
    for (const column of columns) {
      const spans: Span[] = [];
      for (const q of workingQueries) {
        const wt = q.data;
        if (!wt) continue;
        if (column.providerId && wt.providerId !== column.providerId) continue;
        for (const i of wt.intervals) {
          if (column.roomId && i.roomId !== column.roomId) continue;
          const span = spanOnDate(i.start, i.end, column.date, timeZone);
          if (span) spans.push(span);
        }
      }
      map.set(column.key, spans);
    }
    return map;
  }, [columns, workingQueries, timeZone]);

  const onMove = (appointment: Appointment, column: CalendarColumn, minutes: number) => {
    const startsAt = localToIso(column.date, minutes, timeZone);
    if (!startsAt) return;
    const patch = {
      startsAt,
      ...(column.providerId && column.providerId !== appointment.providerId
        ? { providerId: column.providerId }
        : {}),
      ...(column.roomId && column.roomId !== appointment.roomId ? { roomId: column.roomId } : {}),
    };
    if (startsAt === appointment.startsAt && Object.keys(patch).length === 1) return;
    move.mutate(
      { id: appointment.id, patch },
      {
        onSuccess: (moved) =>
          notify.success(t('appointments.calendar.moved', { time: format.dateTime(moved.startsAt) })),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: t('appointments.calendar.moveRefused'),
            message: errorMessage(error),
            withBorder: true,
            autoClose: 8000,
          }),
      },
    );
  };

  const stepDays = view === 'day' ? 1 : 7;
  const items = appointments.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('appointments.calendar.title')}
        description={t('appointments.calendar.description')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setBooking(true)}>
              {t('appointments.calendar.book')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label={t('appointments.calendar.view')}
            value={view}
            onChange={(v) => setView(v === 'week' ? 'week' : 'day')}
            data={[
              { value: 'day', label: t('appointments.calendar.day') },
              { value: 'week', label: t('appointments.calendar.week') },
            ]}
          />
          <SegmentedControl
            aria-label={t('appointments.calendar.show')}
            value={mode}
            onChange={(v) => setMode(v === 'room' ? 'room' : 'provider')}
            data={[
              { value: 'provider', label: t('appointments.calendar.byProvider') },
              { value: 'room', label: t('appointments.calendar.byRoom') },
            ]}
          />
          {mode === 'provider' ? (
            <MultiSelect
              label={t('appointments.calendar.providers')}
              placeholder={
                providerChoice.selected.length === 0 && allProviders.length
                  ? t('appointments.calendar.allProviders')
                  : undefined
              }
              data={allProviders.map((p) => ({ value: p.id, label: p.name }))}
              value={providerChoice.selected}
              onChange={(ids) => setProviderIds(nextChoice(view, ids))}
              searchable
              clearable={view === 'day'}
              w={320}
            />
          ) : (
            <MultiSelect
              label={t('appointments.calendar.room')}
              placeholder={
                roomChoice.selected.length === 0 && allRooms.length
                  ? t('appointments.calendar.allRooms')
                  : undefined
              }
              data={allRooms.map((r) => ({ value: r.id, label: r.name }))}
              value={roomChoice.selected}
              onChange={(ids) => setRoomIds(nextChoice(view, ids))}
              searchable
              clearable={view === 'day'}
              w={320}
            />
          )}
          <Group gap={4} align="flex-end">
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => setDate(addDays(date, -stepDays))}
              aria-label={t('appointments.calendar.previous')}
            >
              <IconChevronLeft size={16} />
            </ActionIcon>
            <TextInput
              type="date"
              label={t('appointments.calendar.date')}
              value={date}
              onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)}
            />
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => setDate(addDays(date, stepDays))}
              aria-label={t('appointments.calendar.next')}
            >
              <IconChevronRight size={16} />
            </ActionIcon>
            <Button variant="default" onClick={() => setDate(todayInZone(timeZone))}>
              {t('appointments.calendar.today')}
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {t('appointments.calendar.timeZone', { zone: timeZone })}
        </Text>
        {appointments.isError ? (
          <QueryError error={appointments.error} onRetry={() => void appointments.refetch()} />
        ) : null}
        {appointments.data?.truncated ? (
          <Alert color="orange" variant="light">
            {t('appointments.calendar.truncated')}
          </Alert>
        ) : null}
        {view === 'week' && columns[0] ? (
          <Title order={2} fz="h4">
            {mode === 'provider' ? shownProviders[0]?.name : shownRooms[0]?.name}
          </Title>
        ) : null}
        {columns.length === 0 ? (
          <Text c="dimmed">{t('appointments.calendar.pickColumns')}</Text>
        ) : (
          <CalendarGrid
            columns={columns}
            appointments={items}
            working={working}
            timeZone={timeZone}
            canMove={canWrite}
            onOpen={setOpen}
            onMove={onMove}
          />
        )}
      </Stack>
      {open ? (
        <AppointmentDetailsModal
          appointment={items.find((a) => a.id === open.id) ?? open}
          canWrite={canWrite}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {booking ? (
        <BookingWizard
          onClose={() => setBooking(false)}
          initialDate={date}
          initialProviderId={mode === 'provider' ? columns[0]?.providerId : undefined}
        />
      ) : null}
    </>
  );
}
