import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { RoleBadges } from '../../components/role-badges.tsx';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { ApiTokensCard } from './api-tokens-card.tsx';
import { ChangePasswordCard } from './change-password-card.tsx';
import { MfaCard } from './mfa-card.tsx';

function AccountCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="account-title">
      <Stack>
        <Title order={2} fz="h4" id="account-title">
          {t('profile.account')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg" component="dl" className="plain-dl">
          <Stack gap={2}>
            <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('profile.name')}
            </Text>
            <Text component="dd">{me.name}</Text>
          </Stack>
          <Stack gap={2}>
            <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('profile.email')}
            </Text>
            <Text component="dd">{me.email}</Text>
          </Stack>
          <Stack gap={2}>
            <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('profile.roles')}
            </Text>
            <Text component="dd">
              <RoleBadges roles={me.roles} />
            </Text>
          </Stack>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('profile.accountHint')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** `/profile`: the signed-in user's own account. */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Stack gap="lg">
        <AccountCard />
        <ChangePasswordCard />
        <MfaCard />
        <ApiTokensCard />
      </Stack>
    </>
  );
}
