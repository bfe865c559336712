import { Accordion, Alert, Anchor, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconCheck, IconShield } from '../../components/icons.tsx';
import { RoleBadges } from '../../components/role-badges.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { groupPermissions, permissionLabelKey } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { homeCardsFor } from './home-cards.tsx';

/** What the user's roles allow, folded away: the cards above are the day's work. */
function WhatYouCanDo() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const groups = groupPermissions(me.permissions);
  return (
    <Accordion variant="contained" radius="md">
      <Accordion.Item value="permissions">
        <Accordion.Control>{t('home.permissions')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('home.permissionsHint')}
            </Text>
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
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

/** `/`: the day's work of whoever signs in, as cards chosen by their roles (see home-cards.tsx). */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('home.title'));
  const cards = homeCardsFor(me);

  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1} fz="h2">
            {t('home.welcome', { name: me.name })}
          </Title>
          <Text c="dimmed" size="sm">
            {t('home.signedInAs', { email: me.email })}
          </Text>
        </Stack>
        {me.roles.length > 0 ? (
          <RoleBadges roles={me.roles} size="md" />
        ) : (
          <Text size="sm">{t('home.noRoles')}</Text>
        )}
      </Group>

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

      {cards.length > 0 ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {cards.map(({ key, Card, wide }) => (
            <div key={key} style={wide ? { gridColumn: '1 / -1' } : undefined} data-card={key}>
              <Card />
            </div>
          ))}
        </SimpleGrid>
      ) : null}

      <WhatYouCanDo />
    </Stack>
  );
}
