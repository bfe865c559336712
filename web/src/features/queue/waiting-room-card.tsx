import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../components/query-states.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { HomeCard } from '../home/home-card.tsx';
import { useQueue } from './queue.queries.ts';
import { waitedMinutes } from './queue-format.ts';
import { useClock } from './use-clock.ts';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
    </Stack>
  );
}

/** Home for the front desk: how many wait now and for how long on average, with walk-in and booking at hand. */
export function WaitingRoomCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const now = useClock();
  const queue = useQueue({});
  const items = queue.data?.items ?? [];
  const waiting = items.filter((i) => i.status === 'waiting');
  const withDoctor = items.filter((i) => i.status === 'called' || i.status === 'in_consultation');
  const average = waiting.length
    ? Math.round(waiting.reduce((sum, i) => sum + waitedMinutes(i, now), 0) / waiting.length)
    : null;
  return (
    <HomeCard
      title={t('home.cards.waitingRoom')}
      link={{ to: '/front-desk', label: t('home.cards.openFrontDesk') }}
    >
      <QueryStates query={queue} isEmpty={false} empty={null}>
        <Stack gap="md">
          <SimpleGrid cols={3} spacing="xs">
            <Figure label={t('home.cards.waitingNow')} value={String(waiting.length)} />
            <Figure
              label={t('home.cards.averageWait')}
              value={average === null ? '–' : t('home.cards.minutesShort', { count: average })}
            />
            <Figure label={t('home.cards.withDoctor')} value={String(withDoctor.length)} />
          </SimpleGrid>
          <Group gap="xs">
            {hasPermission(me, 'queue:write') ? (
              <Button component={Link} to="/front-desk" size="xs">
                {t('home.cards.walkIn')}
              </Button>
            ) : null}
            {hasPermission(me, 'appointments:write') ? (
              <Button component={Link} to="/calendar" size="xs" variant="light">
                {t('home.cards.book')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
