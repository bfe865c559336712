import { Alert, Anchor, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconCheck, IconCompass, IconShield } from '../../components/icons.tsx';
import { RoleBadges } from '../../components/role-badges.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { groupPermissions, hasPermission, permissionLabelKey } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';

/** `/`: who is signed in, with which roles, and what those roles allow. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('home.title'));
  const groups = groupPermissions(me.permissions);

  return (
    <Stack gap="xl" maw={960}>
      <Stack gap={4}>
        <Title order={1} fz="h2">
          {t('home.welcome', { name: me.name })}
        </Title>
        <Text c="dimmed" size="sm">
          {t('home.signedInAs', { email: me.email })}
        </Text>
      </Stack>

      {!me.mfaEnabled ? (
        <Alert color="blue" variant="light" icon={<IconShield />}>
          <Group gap="xs">
            <Text size="sm">{t('home.mfaSuggestion')}</Text>
            <Anchor component={Link} to="/profile" size="sm">
              {t('home.mfaSuggestionAction')}
            </Anchor>
          </Group>
        </Alert>
      ) : null}

      {hasPermission(me, 'settings:write') ? (
        <Alert color="teal" variant="light" icon={<IconCompass />}>
          <Group gap="xs">
            <Text size="sm">{t('setup.homeHint')}</Text>
            <Anchor component={Link} to="/setup" size="sm" fw={600}>
              {t('setup.homeLink')}
            </Anchor>
          </Group>
        </Alert>
      ) : null}

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="roles-title">
        <Stack gap="sm">
          <Title order={2} fz="h4" id="roles-title">
            {t('home.yourRoles')}
          </Title>
          {me.roles.length > 0 ? (
            <RoleBadges roles={me.roles} size="md" />
          ) : (
            <Text size="sm">{t('home.noRoles')}</Text>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="permissions-title">
        <Stack gap="sm">
          <Stack gap={2}>
            <Title order={2} fz="h4" id="permissions-title">
              {t('home.permissions')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('home.permissionsHint')}
            </Text>
          </Stack>
          {groups.length > 0 ? (
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
              {groups.map((group) => (
                <Stack gap={4} key={group.resource}>
                  <Text size="sm" fw={600}>
                    {t(`permissionGroups.${group.resource}`)}
                  </Text>
                  <List size="sm" spacing={2} icon={<IconCheck size={14} />} center>
                    {group.permissions.map((permission) => (
                      <List.Item key={permission}>{t(permissionLabelKey(permission))}</List.Item>
                    ))}
                  </List>
                </Stack>
              ))}
            </SimpleGrid>
          ) : (
            <Text size="sm">{t('home.noPermissions')}</Text>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
