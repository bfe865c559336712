import type { Permission } from '@carebase/contracts';
import { Center, Loader, useMantineColorScheme } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { QueryError } from '../components/query-error.tsx';
import { useCurrentUser, useMe } from '../features/auth/auth.queries.ts';
import { NoAccessPage } from '../features/errors/no-access-page.tsx';
import { hasPermission } from '../lib/permissions.ts';
import { applyLanguage } from './i18n/i18n.ts';

export interface FromState {
  from?: string;
}

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** The app's language and colour scheme always follow the signed-in user's settings. */
function useFollowUserSettings() {
  const { data: me } = useMe();
  const { setColorScheme } = useMantineColorScheme();
  const language = me?.settings.language;
  const theme = me?.settings.theme;
  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);
  useEffect(() => {
    if (theme) setColorScheme(theme);
  }, [theme, setColorScheme]);
}

interface RequireAuthProps {
  children: ReactNode;
  /** The MFA enrolment page itself must stay reachable while enrolment is required. */
  allowDuringEnrollment?: boolean;
  /** The change-password page itself must stay reachable while a given password must be replaced. */
  allowDuringPasswordChange?: boolean;
}

/** Only signed-in users pass; the others go to the sign-in page and come back afterwards. */
export function RequireAuth({
  children,
  allowDuringEnrollment = false,
  allowDuringPasswordChange = false,
}: RequireAuthProps) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  useFollowUserSettings();

  if (isPending) return <FullPageLoader />;
  if (error) {
    return (
      <Center h="100vh" p="md">
        <QueryError error={error} onRetry={() => void refetch()} />
      </Center>
    );
  }
  if (!me) {
    const state: FromState = { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  // The server refuses everything else until then: the password first, then TOTP enrolment.
  if (me.passwordChangeRequired)
    return allowDuringPasswordChange ? children : <Navigate to="/change-password" replace />;
  // The change page sends the user on itself once the new password is saved (a redirect here would race it).
  if (allowDuringPasswordChange) return children;
  if (me.mfaEnrollmentRequired && !allowDuringEnrollment) {
    const state: FromState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/mfa-setup" replace state={state} />;
  }
  return children;
}

/** Pages for people who are not signed in (the sign-in page): the signed-in go where they were heading. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageLoader />;
  if (me) {
    const from = (location.state as FromState | null)?.from;
    const target = from?.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
    return <Navigate to={target} replace />;
  }
  return children;
}

/** A page that needs a permission shows a "no access" page to those without it. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useCurrentUser();
  return hasPermission(me, permission) ? children : <NoAccessPage />;
}
