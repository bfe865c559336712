import { Alert } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { IconLock } from '../../components/icons.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { usePageTitle } from '../../components/use-page-title.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { ChangePasswordCard } from '../profile/change-password-card.tsx';
import { useCurrentUser, useRefreshMe } from './auth.queries.ts';
import { GateLayout } from './gate-layout.tsx';

/**
 * `/change-password`: where an account that still has a given password (the first administrator's printed
 * one) is kept until it chooses its own. An administrator then goes on to the set-up guide (through TOTP
 * enrolment when the role requires it).
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const notify = useNotify();
  const refreshMe = useRefreshMe();
  const [leaving, setLeaving] = useState(false);
  usePageTitle(t('firstPassword.title'));

  const onChanged = async () => {
    setLeaving(true);
    try {
      await refreshMe();
      notify.success(t('profile.password.success'));
      await navigate(hasPermission(me, 'settings:write') ? '/setup' : '/', { replace: true });
    } catch (error) {
      notify.error(error);
      setLeaving(false);
    }
  };

  return (
    <GateLayout title={t('firstPassword.title')}>
      <ChangePasswordCard
        onChanged={() => void onChanged()}
        intro={
          me.passwordChangeRequired ? (
            <Alert color="blue" variant="light" icon={<IconLock />} aria-busy={leaving}>
              {t('firstPassword.notice')}
            </Alert>
          ) : null
        }
      />
    </GateLayout>
  );
}
