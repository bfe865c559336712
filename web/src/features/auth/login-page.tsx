import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../components/icons.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorsText } from '../../components/use-error-message.ts';
import { usePageTitle } from '../../components/use-page-title.ts';
import { isApiError } from '../../lib/api.ts';
import { usePublicSettings } from '../settings/settings.queries.ts';
import { useLogin } from './auth.queries.ts';

const OTP_PATTERN = /^(\d{6}|[a-z0-9]{4}-[a-z0-9]{4})$/;

/**
 * Why sign-in failed. A refused email or password gets one message that also covers a locked or inactive
 * account: the server answers all of them alike, so that no one learns which emails have accounts.
 */
function LoginError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(isApiError(error) && error.code === 'invalid_credentials')) return <FormError error={error} />;
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
      {t('auth.login.failed')}
    </Alert>
  );
}

/** Sign-in with email and password, then a TOTP or recovery code when the account has one. */
export function LoginPage() {
  const { t } = useTranslation();
  const { data: clinic } = usePublicSettings();
  const login = useLogin();
  const [step, setStep] = useState<'credentials' | 'otp'>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [otpError, setOtpError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  usePageTitle(t('auth.login.title'));

  const fieldErrors = useFieldErrorsText(error);

  const submitCredentials = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    login.mutate(
      { email: email.trim(), password },
      {
        onError: (err) => {
          if (isApiError(err) && err.code === 'otp_required') {
            setStep('otp');
            setOtp('');
            setOtpError(null);
          } else {
            setError(err);
          }
        },
      },
    );
  };

  const submitOtp = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const code = otp.trim().toLowerCase();
    if (!OTP_PATTERN.test(code)) {
      setOtpError(t('validation.otpFormat'));
      return;
    }
    setOtpError(null);
    login.mutate(
      { email: email.trim(), password, otp: code },
      {
        onError: (err) => {
          if (isApiError(err) && (err.code === 'otp_required' || err.code === 'invalid_otp')) {
            setOtpError(t('errors.invalid_otp'));
          } else if (isApiError(err) && err.code === 'invalid_credentials') {
            setStep('credentials');
            setError(err);
          } else {
            setError(err);
          }
        },
      },
    );
  };

  const backToCredentials = () => {
    setStep('credentials');
    setPassword('');
    setOtp('');
    setOtpError(null);
    setError(null);
  };

  if (step === 'otp') {
    return (
      <form onSubmit={submitOtp} noValidate>
        <Stack>
          <Stack gap={4}>
            <Title order={2} fz="h3">
              {t('auth.login.otpTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('auth.login.otpDescription')}
            </Text>
          </Stack>
          <LoginError error={error} />
          <TextInput
            label={t('auth.login.otpLabel')}
            value={otp}
            onChange={(e) => setOtp(e.currentTarget.value)}
            error={otpError ?? fieldErrors.otp}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="123456"
            maxLength={9}
            required
            withAsterisk={false}
            data-autofocus
            autoFocus
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 2 } }}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.login.otpSubmit')}
          </Button>
          <Group justify="center">
            <Anchor component="button" type="button" size="sm" onClick={backToCredentials}>
              {t('auth.login.otpBack')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <form onSubmit={submitCredentials}>
      <Stack>
        <Stack gap={4}>
          <Title order={2} fz="h3">
            {t('auth.login.title')}
          </Title>
          {clinic ? (
            <Text size="sm" c="dimmed">
              {t('auth.login.subtitle', { clinic: clinic.clinicName })}
            </Text>
          ) : null}
        </Stack>
        <LoginError error={error} />
        <TextInput
          label={t('auth.login.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldErrors.email}
          autoComplete="username"
          required
          withAsterisk={false}
          autoFocus
        />
        <PasswordInput
          label={t('auth.login.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldErrors.password}
          autoComplete="current-password"
          required
          withAsterisk={false}
        />
        <Button type="submit" loading={login.isPending} fullWidth>
          {t('auth.login.submit')}
        </Button>
        <Group justify="center">
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('auth.login.forgot')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
