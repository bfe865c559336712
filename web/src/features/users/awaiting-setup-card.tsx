import { isSampleName } from '@carebase/contracts';
import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../components/query-states.tsx';
import { RoleBadges } from '../../components/role-badges.tsx';
import { HomeCard } from '../home/home-card.tsx';
import { useUsers } from './users.queries.ts';

/** Home for administrators: active accounts that have never signed in (an invitation not yet taken up). */
export function AwaitingSetupCard() {
  const { t } = useTranslation();
  // Never signed in sorts first when the newest sign-ins come first.
  const users = useUsers({ page: 1, pageSize: 20, active: 'true', sort: 'lastLoginAt', order: 'desc' });
  // The demo clinic's providers never sign in (no password): nothing to follow up.
  const waiting = (users.data?.items ?? []).filter((u) => u.lastLoginAt === null && !isSampleName(u.name));
  return (
    <HomeCard
      title={t('home.cards.awaitingSetup')}
      count={waiting.length}
      link={{ to: '/users', label: t('home.cards.openUsers') }}
    >
      <QueryStates
        query={users}
        isEmpty={waiting.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('home.cards.nobodyAwaitingSetup')}
          </Text>
        }
      >
        <Stack gap={6}>
          {waiting.slice(0, 5).map((u) => (
            <Stack gap={2} key={u.id}>
              <Anchor component={Link} to="/users" size="sm" fw={600}>
                {u.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {u.email}
              </Text>
              <RoleBadges roles={u.roles} size="xs" />
            </Stack>
          ))}
        </Stack>
      </QueryStates>
    </HomeCard>
  );
}
