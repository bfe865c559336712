import { Alert, Box, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { IconCheck, IconLogout } from '../../components/icons.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { usePageTitle } from '../../components/use-page-title.ts';
import { usePublicSettings } from '../settings/settings.queries.ts';
import { useCurrentUser, useLogout, useRefreshMe } from './auth.queries.ts';
import { MfaEnrollment, MfaRequiredNotice } from './mfa-enrollment.tsx';

/** `/mfa-setup`: where users whose role demands TOTP are sent until they enrol. */
export function MfaSetupPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { data: clinic } = usePublicSettings();
  const navigate = useNavigate();
  const notify = useNotify();
  const refreshMe = useRefreshMe();
  const logout = useLogout();
  const [finishing, setFinishing] = useState(false);
  // Decided once: `me` is refreshed while the recovery codes are on screen, which must not hide them.
  const [alreadyEnabled] = useState(me.mfaEnabled && !me.mfaEnrollmentRequired);
  const clinicName = clinic?.clinicName ?? t('common.appName');
  usePageTitle(t('mfa.title'));

  const finish = async () => {
    setFinishing(true);
    try {
      await refreshMe();
      notify.success(t('mfa.enabledSuccess'));
      await navigate('/', { replace: true });
    } catch (error) {
      notify.error(error);
    } finally {
      setFinishing(false);
    }
  };

  const onLogout = () =>
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });

  return (
    <Box mih="100vh" className="public-background">
      <Group justify="space-between" p="md">
        <Text fw={700}>{clinicName}</Text>
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
              {t('mfa.title')}
            </Title>
            {alreadyEnabled ? (
              <>
                <Alert color="teal" variant="light" icon={<IconCheck />}>
                  {t('mfa.alreadyEnabled')}
                </Alert>
                <Group>
                  <Button component={Link} to="/">
                    {t('mfa.goHome')}
                  </Button>
                </Group>
              </>
            ) : (
              <>
                {me.mfaEnrollmentRequired ? <MfaRequiredNotice clinic={clinicName} /> : null}
                <MfaEnrollment onDone={() => void finish()} doneLoading={finishing} />
              </>
            )}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
