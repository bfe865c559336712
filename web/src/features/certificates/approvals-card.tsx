import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
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
        <Stack gap={6}>
          {items.map((c) => (
            <Stack gap={0} key={c.id}>
              <Anchor component={Link} to="/certificates/inbox" size="sm" fw={600}>
                {c.patient.name} · {t(`certificates.types.${c.type}`)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[c.createdBy?.name, format.dateTime(c.submittedAt)].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
          ))}
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
