import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { HomeCardItem, HomeCardList } from '../home/home-card-item.tsx';
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
        <HomeCardList>
          {items.map((n) => (
            <HomeCardItem
              key={n.id}
              to={`/patients/${n.patientId}/encounters/${n.id}`}
              title={n.patientName}
              details={[format.dateTime(n.startedAt), t(`encounters.types.${n.type}`), n.chiefComplaint]}
            />
          ))}
        </HomeCardList>
      </QueryStates>
    </HomeCard>
  );
}
