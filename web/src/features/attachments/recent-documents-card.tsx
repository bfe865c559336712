import { RECENT_DOCUMENTS_DAYS } from '@carebase/contracts';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
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
        <Stack gap={6}>
          {items.map((d) => (
            <Stack gap={0} key={d.id}>
              <Group gap={6} wrap="nowrap">
                <Anchor component={Link} to={`/patients/${d.patientId}/files`} size="sm" fw={600}>
                  {d.patientName}
                </Anchor>
                <Anchor href={attachmentUrl(d.id)} target="_blank" rel="noopener" size="sm" truncate>
                  {d.filename}
                </Anchor>
              </Group>
              <Text size="xs" c="dimmed">
                {[
                  t(`attachments.kinds.${d.kind}`),
                  format.dateTime(d.createdAt),
                  d.uploadedByName ? t('home.cards.uploadedBy', { name: d.uploadedByName }) : null,
                ]
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
