import type { QueueTicket } from '@carebase/contracts';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { HomeCard } from '../home/home-card.tsx';
import { useQueue } from './queue.queries.ts';
import { TicketLine } from './ticket-line.tsx';
import { TriageModal } from './triage-modal.tsx';
import { useClock } from './use-clock.ts';

const SHOWN = 6;

/** Home for nurses: waiting patients not yet triaged, in call order, each with a Triage button (vitals included). */
export function TriageCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const now = useClock();
  const queue = useQueue({});
  const [triaging, setTriaging] = useState<QueueTicket | null>(null);
  const untriaged = (queue.data?.items ?? []).filter((i) => i.status === 'waiting' && !i.triaged);
  return (
    <HomeCard
      title={t('home.cards.triage')}
      count={untriaged.length}
      link={{ to: '/front-desk', label: t('home.cards.openFrontDesk') }}
    >
      <QueryStates
        query={queue}
        isEmpty={untriaged.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.nobodyToTriage')}
          </Text>
        }
      >
        <Stack gap="xs">
          {untriaged.slice(0, SHOWN).map((ticket) => (
            <Group key={ticket.id} gap="xs" wrap="nowrap" justify="space-between">
              <div style={{ flex: 1, minWidth: 0 }}>
                <TicketLine ticket={ticket} now={now} />
              </div>
              <Button size="compact-xs" variant="light" onClick={() => setTriaging(ticket)}>
                {t('home.cards.triageAction')}
              </Button>
            </Group>
          ))}
          {untriaged.length > SHOWN ? (
            <Text size="xs" c="dimmed">
              {t('home.cards.andMore', { count: untriaged.length - SHOWN })}
            </Text>
          ) : null}
        </Stack>
      </QueryStates>
      {triaging ? (
        <TriageModal
          ticket={triaging}
          withVitals={hasPermission(me, 'chart:write')}
          onClose={() => setTriaging(null)}
        />
      ) : null}
    </HomeCard>
  );
}
