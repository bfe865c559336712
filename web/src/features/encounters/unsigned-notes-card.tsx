import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { useUnsignedNotes } from './encounters.queries.ts';

/** Home: the clinician's notes still to sign, oldest first, each a link to its encounter. */
export function UnsignedNotesCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const notes = useUnsignedNotes();
  const items = notes.data?.items ?? [];
  return (
    <HomeCard title={t('home.cards.unsignedNotes')} count={notes.data?.total}>
      <QueryStates
        query={notes}
        isEmpty={items.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.noUnsignedNotes')}
          </Text>
        }
      >
        <Stack gap={6}>
          {items.map((n) => (
            <Stack gap={0} key={n.id}>
              <Anchor component={Link} to={`/patients/${n.patientId}/encounters/${n.id}`} size="sm" fw={600}>
                {n.patientName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[format.dateTime(n.startedAt), t(`encounters.types.${n.type}`), n.chiefComplaint]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
          ))}
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
