import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
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
        <Stack gap={6}>
          {items.map((c) => (
            <Stack gap={0} key={c.id}>
              <Anchor component={Link} to={`/patients/${c.patient.id}/certificates`} size="sm" fw={600}>
                {c.patient.name} · {t(`certificates.types.${c.type}`)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[c.createdBy?.name, format.dateTime(c.createdAt)].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
          ))}
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
