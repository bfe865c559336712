import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { visibleNavItems } from '../../app/nav-items.ts';
import { IconChevronRight, IconShield } from '../../components/icons.tsx';
import { RoleBadges } from '../../components/role-badges.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';

/** `/`: who is signed in, and the sections they can open. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('home.title'));
  const shortcuts = visibleNavItems(me.permissions).filter((item) => item.id !== 'home' && !item.external);

  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1} fz="h2">
          {t('home.welcome', { name: me.name })}
        </Title>
        <Text c="dimmed" size="sm">
          {t('home.signedInAs', { email: me.email })}
        </Text>
      </Stack>

      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('home.yourRoles')}
        </Title>
        {me.roles.length > 0 ? <RoleBadges roles={me.roles} size="md" /> : <Text size="sm">{t('home.noRoles')}</Text>}
      </Stack>

      {!me.mfaEnabled ? (
        <Alert color="blue" variant="light" icon={<IconShield />} maw={720}>
          <Group gap="xs">
            <Text size="sm">{t('home.mfaSuggestion')}</Text>
            <Anchor component={Link} to="/profile" size="sm">
              {t('home.mfaSuggestionAction')}
            </Anchor>
          </Group>
        </Alert>
      ) : null}

      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('home.shortcuts')}
        </Title>
        {shortcuts.length > 0 ? (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" className="plain-list">
            {shortcuts.map((item) => {
              const Icon = item.icon;
              return (
                <li key={item.id}>
                  <Card withBorder padding="md" component={Link} to={item.to} className="shortcut-card">
                    <Group justify="space-between" wrap="nowrap">
                      <Group gap="sm" wrap="nowrap">
                        <ThemeIcon variant="light" size="lg" radius="md">
                          <Icon size={20} />
                        </ThemeIcon>
                        <Text fw={500}>{t(`nav.${item.id}`)}</Text>
                      </Group>
                      <IconChevronRight size={16} />
                    </Group>
                  </Card>
                </li>
              );
            })}
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            {t('home.noShortcuts')}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
