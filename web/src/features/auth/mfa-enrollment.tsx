import {
  Alert,
  Button,
  Code,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyIconButton, CopyTextButton } from '../../components/copy-value.tsx';
import { IconAlert, IconKey } from '../../components/icons.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { isApiError } from '../../lib/api.ts';
import { useConfirmMfaEnrollment, useStartMfaEnrollment } from './auth.queries.ts';

interface MfaEnrollmentProps {
  /** Called after the user has seen (and said they saved) the recovery codes. */
  onDone: () => void;
  doneLoading?: boolean;
}

/** Enrolment in TOTP: scan the QR code, confirm a code, then keep the recovery codes shown once. */
export function MfaEnrollment({ onDone, doneLoading }: MfaEnrollmentProps) {
  const { t } = useTranslation();
  const start = useStartMfaEnrollment();
  const confirm = useConfirmMfaEnrollment();
  const [otp, setOtp] = useState('');
  const [otpError, setOtpError] = useState<string | null>(null);
  const started = useRef(false);

  // Enrolment starts by itself once (guarded against the double effects of development mode).
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start.mutate();
  }, [start]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = otp.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(code)) {
      setOtpError(t('validation.otpDigits'));
      return;
    }
    setOtpError(null);
    confirm.mutate(code, {
      onError: (error) => {
        if (
          isApiError(error) &&
          (error.code === 'invalid_otp' || error.status === 400 || error.status === 401)
        ) {
          setOtpError(t('errors.invalid_otp'));
        }
      },
    });
  };

  if (confirm.data) {
    const codes = confirm.data.recoveryCodes;
    return (
      <Stack>
        <Title order={2} fz="h4">
          {t('mfa.recoveryTitle')}
        </Title>
        <Alert color="orange" variant="light" icon={<IconKey />}>
          {t('mfa.recoveryDescription')}
        </Alert>
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" component="ul" className="plain-list">
            {codes.map((code) => (
              <li key={code}>
                <Code fz="md">{code}</Code>
              </li>
            ))}
          </SimpleGrid>
        </Paper>
        <Group justify="space-between">
          <CopyTextButton value={codes.join('\n')} label={t('mfa.copyCodes')} />
          <Button onClick={onDone} loading={doneLoading}>
            {t('mfa.savedContinue')}
          </Button>
        </Group>
      </Stack>
    );
  }

  if (start.isError) {
    return <QueryError error={start.error} onRetry={() => start.mutate()} />;
  }

  const enrollment = start.data;
  const confirmError =
    confirm.error && !(isApiError(confirm.error) && otpError !== null) ? confirm.error : null;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('mfa.scanTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('mfa.scanDescription')}
        </Text>
        <Group align="flex-start" gap="lg" wrap="wrap">
          {enrollment ? (
            <Image
              src={enrollment.qrCodeDataUrl}
              alt={t('mfa.qrAlt')}
              w={200}
              h={200}
              radius="sm"
              className="qr-code"
            />
          ) : (
            <Skeleton w={200} h={200} aria-label={t('common.loading')} />
          )}
          <Stack gap={4} maw={320}>
            <Text size="sm" fw={500}>
              {t('mfa.secretLabel')}
            </Text>
            {enrollment ? (
              <Group gap={4} wrap="nowrap">
                <Code fz="sm" className="secret-code">
                  {enrollment.secret}
                </Code>
                <CopyIconButton value={enrollment.secret} />
              </Group>
            ) : (
              <Skeleton h={24} w={240} />
            )}
          </Stack>
        </Group>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} fz="h4">
            {t('mfa.codeTitle')}
          </Title>
          {confirmError ? <FormError error={confirmError} /> : null}
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('mfa.codeLabel')}
              value={otp}
              onChange={(e) => setOtp(e.currentTarget.value)}
              error={otpError}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              placeholder="123456"
              w={220}
              disabled={!enrollment}
              required
              withAsterisk={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 3 } }}
            />
            <Button type="submit" loading={confirm.isPending} disabled={!enrollment} mb={otpError ? 22 : 0}>
              {t('mfa.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** A notice that stays visible until enrolment is finished. */
export function MfaRequiredNotice({ clinic }: { clinic: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" icon={<IconAlert />}>
      {t('mfa.requiredNotice', { clinic })}
    </Alert>
  );
}
