import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { HomeCardItem, HomeCardList } from '../home/home-card-item.tsx';
import { useCertificateInbox } from './certificates.queries.ts';

const SHOWN = 5;

/** Home for doctors: certificates waiting for approval, oldest first; the inbox does the approving. */
export function ApprovalsCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const inbox = useCertificateInbox(1);
  const items = (inbox.data?.items ?? []).slice(0, SHOWN);
  return (
    <HomeCard
      title={t('home.cards.approvals')}
      count={inbox.data?.total}
      link={{ to: '/certificates/inbox', label: t('home.cards.openInbox') }}
    >
      <QueryStates
        query={inbox}
        isEmpty={items.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.noApprovals')}
          </Text>
        }
      >
        <HomeCardList>
          {items.map((c) => (
            <HomeCardItem
              key={c.id}
              to="/certificates/inbox"
              title={`${c.patient.name} · ${t(`certificates.types.${c.type}`)}`}
              details={[c.createdBy?.name, format.dateTime(c.submittedAt)]}
            />
          ))}
        </HomeCardList>
      </QueryStates>
    </HomeCard>
  );
}
