import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../components/query-states.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { HomeCard } from '../home/home-card.tsx';
import { useAuditEvents } from './audit.queries.ts';

/** Home for administrators: the latest refused attempts (wrong permission, lockouts), newest first. */
export function DeniedAttemptsCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const denied = useAuditEvents({ page: 1, pageSize: 5, outcome: 'denied', sort: 'at', order: 'desc' });
  const items = denied.data?.items ?? [];
  return (
    <HomeCard
      title={t('home.cards.deniedAttempts')}
      count={denied.data?.total}
      link={{ to: '/audit?outcome=denied', label: t('home.cards.openAudit') }}
    >
      <QueryStates
        query={denied}
        isEmpty={items.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.noDeniedAttempts')}
          </Text>
        }
      >
        <Stack gap={6}>
          {items.map((e) => (
            <Stack gap={0} key={e.id}>
              <Text size="sm" fw={600} truncate>
                {e.actorEmail ?? t('home.cards.anonymous')} · {e.action}
              </Text>
              <Text size="xs" c="dimmed">
                {[format.dateTime(e.at), e.ip].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
          ))}
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
