import type { SetupChecklistItem } from '@carebase/contracts';
import { Alert, Anchor, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useSampleData, useSetupChecklist } from './setup.queries.ts';

const ITEM_KEYS = {
  clinic_details: 'setup.checklist.items.clinic_details',
  services: 'setup.checklist.items.services',
  provider_hours: 'setup.checklist.items.provider_hours',
  mail: 'setup.checklist.items.mail',
} as const satisfies Record<SetupChecklistItem['key'], string>;

/**
 * What the clinic still lacks for its first day, each with a link to where it is done, and a reminder while the
 * demo clinic's sample data is loaded. Shown only to those who may change the clinic's settings; renders
 * nothing once everything is in place and no sample is loaded (or while loading).
 */
export function SetupChecklistCard() {
  const me = useCurrentUser();
  return hasPermission(me, 'settings:write') ? <ChecklistCard /> : null;
}

function ChecklistCard() {
  const { t } = useTranslation();
  const checklist = useSetupChecklist();
  const sample = useSampleData();
  if (checklist.isError)
    return <QueryError error={checklist.error} onRetry={() => void checklist.refetch()} />;
  const missing = checklist.data?.missing ?? [];
  const sampleLoaded = sample.data?.loaded === true;
  if (missing.length === 0 && !sampleLoaded) return null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="setup-checklist-title">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} fz="h4" id="setup-checklist-title">
            {t('setup.checklist.title')}
          </Title>
          {missing.length ? (
            <Text size="sm" c="dimmed">
              {t('setup.checklist.hint')}
            </Text>
          ) : null}
        </Stack>
        {sampleLoaded ? (
          <Alert color="orange" p="sm">
            <Stack gap={4}>
              <Text size="sm">{t('setup.sample.homeNotice')}</Text>
              <Anchor component={Link} to="/setup/sample" size="sm" fw={600}>
                {t('setup.sample.remove')}
              </Anchor>
            </Stack>
          </Alert>
        ) : null}
        {missing.length ? (
          <List
            spacing="xs"
            size="sm"
            center
            icon={
              <ThemeIcon color="orange" variant="light" size="sm" radius="xl" aria-hidden>
                <IconAlert size={12} />
              </ThemeIcon>
            }
          >
            {missing.map((item) => (
              <List.Item key={item.key}>
                <Anchor component={Link} to={item.link}>
                  {t(ITEM_KEYS[item.key])}
                </Anchor>
              </List.Item>
            ))}
          </List>
        ) : null}
        <Anchor component={Link} to="/setup" size="sm" fw={600}>
          {t('setup.checklist.openGuide')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
