import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { FromState } from '../../app/auth-guard.tsx';
import { IconCheck } from '../../components/icons.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { usePageTitle } from '../../components/use-page-title.ts';
import { usePublicSettings } from '../settings/settings.queries.ts';
import { useCurrentUser, useRefreshMe } from './auth.queries.ts';
import { GateLayout } from './gate-layout.tsx';
import { MfaEnrollment, MfaRequiredNotice } from './mfa-enrollment.tsx';

/** `/mfa-setup`: where users whose role demands TOTP are sent until they enrol. */
export function MfaSetupPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { data: clinic } = usePublicSettings();
  const navigate = useNavigate();
  const from = (useLocation().state as FromState | null)?.from;
  const notify = useNotify();
  const refreshMe = useRefreshMe();
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
      // Back where the guard sent them from (the set-up guide, after the first password change).
      await navigate(from?.startsWith('/') && !from.startsWith('//') ? from : '/', { replace: true });
    } catch (error) {
      notify.error(error);
    } finally {
      setFinishing(false);
    }
  };

  return (
    <GateLayout title={t('mfa.title')}>
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
    </GateLayout>
  );
}
