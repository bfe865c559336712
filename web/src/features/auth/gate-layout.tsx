import { Box, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { IconLogout } from '../../components/icons.tsx';
import { usePublicSettings } from '../settings/settings.queries.ts';
import { useLogout } from './auth.queries.ts';

/** The page a signed-in user must get through before the app (a password change, TOTP enrolment). */
export function GateLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: clinic } = usePublicSettings();
  const navigate = useNavigate();
  const logout = useLogout();
  const onLogout = () =>
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });

  return (
    <Box mih="100vh" className="public-background">
      <Group justify="space-between" p="md">
        <Text fw={700}>{clinic?.clinicName ?? t('common.appName')}</Text>
        <Button
          variant="subtle"
          leftSection={<IconLogout size={16} />}
          onClick={onLogout}
          loading={logout.isPending}
        >
          {t('layout.logout')}
        </Button>
      </Group>
      <Container size="sm" pb="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md" component="main" id="main-content">
          <Stack>
            <Title order={1} fz="h2">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
