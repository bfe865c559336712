import { Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { AppointmentStatusBadge } from './appointment-status.tsx';
import { useMyAppointments } from './appointments.queries.ts';

const SHOWN = 3;

/** Home for patients: their next appointments; booking, moving and cancelling are on My appointments. */
export function UpcomingVisitsCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [from] = useState(() => new Date().toISOString());
  const list = useMyAppointments(from);
  const items = (list.data?.items ?? []).filter((a) => a.status !== 'cancelled');
  return (
    <HomeCard
      title={t('home.cards.upcomingVisits')}
      count={items.length}
      link={{ to: '/my-appointments', label: t('home.cards.bookOrChange') }}
    >
      <QueryStates
        query={list}
        isEmpty={items.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.noUpcomingVisits')}
          </Text>
        }
      >
        <Stack gap="xs">
          {items.slice(0, SHOWN).map((a) => (
            <Group key={a.id} justify="space-between" wrap="nowrap">
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={600}>
                  {format.dateTime(a.startsAt)}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[a.serviceName, a.providerName].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              <AppointmentStatusBadge status={a.status} />
            </Group>
          ))}
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
