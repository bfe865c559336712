import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { HomeCard } from '../home/home-card.tsx';
import { clinicDayRange } from '../queue/clinic-day.ts';
import { useAppointmentsOfDay } from '../queue/queue.queries.ts';
import { formatTime } from '../queue/queue-format.ts';
import { AppointmentStatusBadge } from './appointment-status.tsx';

/** Home for clinicians: their own appointments today, in time order, cancelled ones left out. */
export function MyDayCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const timeZone = format.context.timeZone;
  const range = useMemo(() => clinicDayRange(timeZone), [timeZone]);
  const day = useAppointmentsOfDay(range?.from ?? null, range?.to ?? null, range !== null);
  const mine = (day.data?.items ?? []).filter((a) => a.providerId === me.id && a.status !== 'cancelled');
  return (
    <HomeCard
      title={t('home.cards.myAppointments')}
      count={mine.length}
      link={{ to: '/calendar', label: t('home.cards.openCalendar') }}
    >
      <QueryStates
        query={day}
        isEmpty={mine.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.noAppointmentsToday')}
          </Text>
        }
      >
        <Stack gap={6}>
          {mine.map((a) => (
            <Group key={a.id} gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap" miw={0}>
                <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {formatTime(a.startsAt, format.context)}
                </Text>
                <Anchor component={Link} to={`/patients/${a.patientId}`} size="sm" truncate>
                  {a.patientName}
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {a.serviceName}
                </Text>
              </Group>
              <AppointmentStatusBadge status={a.status} />
            </Group>
          ))}
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
