import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../components/query-states.tsx';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { HomeCard } from '../home/home-card.tsx';
import { useQueue } from './queue.queries.ts';
import { StatusBadge } from './queue-badges.tsx';
import { currentWith, waitingFor } from './queue-format.ts';
import { TicketLine } from './ticket-line.tsx';
import { useClock } from './use-clock.ts';

const SHOWN = 5;

/** Home: who is with the clinician now, and who waits for them (their own tickets and unassigned ones). */
export function MyQueueCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const now = useClock();
  const queue = useQueue({});
  const items = queue.data?.items ?? [];
  const current = currentWith(items, me.id);
  const waiting = waitingFor(items, me.id);
  return (
    <HomeCard
      title={t('home.cards.myQueue')}
      count={waiting.length}
      link={{ to: '/my-queue', label: t('home.cards.openMyQueue') }}
    >
      <QueryStates query={queue} isEmpty={false} empty={null}>
        <Stack gap="xs">
          {current.map((ticket) => (
            <Group key={ticket.id} justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap" miw={0}>
                <StatusBadge status={ticket.status} />
                <Anchor
                  component={Link}
                  size="sm"
                  fw={600}
                  truncate
                  to={
                    ticket.encounterId
                      ? `/patients/${ticket.patientId}/encounters/${ticket.encounterId}`
                      : `/patients/${ticket.patientId}`
                  }
                >
                  {ticket.ticket} · {ticket.patientName}
                </Anchor>
              </Group>
            </Group>
          ))}
          {waiting.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('home.cards.nobodyWaiting')}
            </Text>
          ) : (
            waiting.slice(0, SHOWN).map((ticket) => <TicketLine key={ticket.id} ticket={ticket} now={now} />)
          )}
          {waiting.length > SHOWN ? (
            <Text size="xs" c="dimmed">
              {t('home.cards.andMore', { count: waiting.length - SHOWN })}
            </Text>
          ) : null}
          {waiting.length > 0 ? (
            <Button component={Link} to="/my-queue" size="xs" variant="light" w="fit-content">
              {t('home.cards.callFromMyQueue')}
            </Button>
          ) : null}
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
