import { Badge, Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { isApiError } from '../../lib/api.ts';
import { useCurrentUser, useDisableMfa, useRefreshMe } from '../auth/auth.queries.ts';
import { MfaEnrollment } from '../auth/mfa-enrollment.tsx';

function DisableMfaModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const disable = useDisableMfa();
  const notify = useNotify();
  const [password, setPassword] = useState('');

  const close = () => {
    setPassword('');
    disable.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    disable.mutate(password, {
      onSuccess: () => {
        notify.success(t('mfa.disabledSuccess'));
        close();
      },
    });
  };

  const error = disable.error;
  const refused = isApiError(error) && error.status === 409;
  const passwordError = serverError(error, 'password');
  const wrongPassword =
    passwordError !== undefined || (isApiError(error) && error.code === 'invalid_credentials');

  return (
    <Modal opened={opened} onClose={close} title={t('mfa.disableTitle')} centered>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('mfa.disableDescription')}</Text>
          {refused ? (
            <Text size="sm" c="red" role="alert">
              {t('mfa.disableRefused')}
            </Text>
          ) : wrongPassword ? null : (
            <FormError error={error} />
          )}
          <PasswordInput
            label={t('mfa.disablePassword')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={wrongPassword ? t('mfa.wrongPassword') : undefined}
            autoComplete="current-password"
            required
            withAsterisk={false}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={disable.isPending} disabled={!password}>
              {t('mfa.disable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function MfaCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const refreshMe = useRefreshMe();
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [finishing, setFinishing] = useState(false);

  const finishEnrollment = async () => {
    setFinishing(true);
    try {
      await refreshMe();
      notify.success(t('mfa.enabledSuccess'));
      setEnrolling(false);
    } catch (error) {
      notify.error(error);
    } finally {
      setFinishing(false);
    }
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="mfa-title">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} fz="h4" id="mfa-title">
                {t('mfa.title')}
              </Title>
              <Badge color={me.mfaEnabled ? 'teal' : 'gray'} variant="light">
                {me.mfaEnabled ? t('mfa.statusEnabled') : t('mfa.statusDisabled')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {me.mfaEnabled ? t('mfa.enabledDescription') : t('mfa.disabledDescription')}
            </Text>
          </Stack>
          {me.mfaEnabled ? (
            <Button variant="default" color="red" onClick={() => setDisabling(true)}>
              {t('mfa.disable')}
            </Button>
          ) : (
            <Button onClick={() => setEnrolling(true)}>{t('mfa.enable')}</Button>
          )}
        </Group>
      </Stack>
      <Modal
        opened={enrolling}
        onClose={() => {
          setEnrolling(false);
          // The enrolment may have been confirmed before the dialog was closed.
          void refreshMe();
        }}
        title={t('mfa.title')}
        size="lg"
        closeOnClickOutside={false}
      >
        {enrolling ? <MfaEnrollment onDone={() => void finishEnrollment()} doneLoading={finishing} /> : null}
      </Modal>
      <DisableMfaModal opened={disabling} onClose={() => setDisabling(false)} />
    </Paper>
  );
}
