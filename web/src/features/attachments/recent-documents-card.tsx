import { RECENT_DOCUMENTS_DAYS } from '@carebase/contracts';
import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { HomeCardItem, HomeCardList } from '../home/home-card-item.tsx';
import { attachmentUrl, useRecentDocuments } from './attachments.queries.ts';

/** Home: lab results, referrals and scans others added lately to the records of the clinician's patients. */
export function RecentDocumentsCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const documents = useRecentDocuments();
  const items = documents.data?.items ?? [];
  return (
    <HomeCard title={t('home.cards.recentDocuments')} count={items.length || undefined}>
      <QueryStates
        query={documents}
        isEmpty={items.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.noRecentDocuments', { days: RECENT_DOCUMENTS_DAYS })}
          </Text>
        }
      >
        <HomeCardList>
          {items.map((d) => (
            <HomeCardItem
              key={d.id}
              to={`/patients/${d.patientId}/files`}
              title={d.patientName}
              beside={
                <Anchor href={attachmentUrl(d.id)} target="_blank" rel="noopener" size="sm" truncate>
                  {d.filename}
                </Anchor>
              }
              details={[
                t(`attachments.kinds.${d.kind}`),
                format.dateTime(d.createdAt),
                d.uploadedByName ? t('home.cards.uploadedBy', { name: d.uploadedByName }) : null,
              ]}
            />
          ))}
        </HomeCardList>
      </QueryStates>
    </HomeCard>
  );
}
