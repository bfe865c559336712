import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { HomeCardItem, HomeCardList } from '../home/home-card-item.tsx';
import { useCertificateDrafts } from './certificates.queries.ts';

/** Home for nurses and the front desk: certificate drafts still to submit, each a link to the patient's list. */
export function CertificateDraftsCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const drafts = useCertificateDrafts();
  const items = drafts.data?.items ?? [];
  return (
    <HomeCard title={t('home.cards.certificateDrafts')} count={drafts.data?.total}>
      <QueryStates
        query={drafts}
        isEmpty={items.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.noCertificateDrafts')}
          </Text>
        }
      >
        <HomeCardList>
          {items.map((c) => (
            <HomeCardItem
              key={c.id}
              to={`/patients/${c.patient.id}/certificates`}
              title={`${c.patient.name} · ${t(`certificates.types.${c.type}`)}`}
              details={[c.createdBy?.name, format.dateTime(c.createdAt)]}
            />
          ))}
        </HomeCardList>
      </QueryStates>
    </HomeCard>
  );
}
