import { Button, Group, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorsText, useNotify } from '../../components/use-error-message.ts';
import { isApiError } from '../../lib/api.ts';
import { useChangePassword } from '../auth/auth.queries.ts';
import {
  NewPasswordFields,
  type NewPasswordValue,
  useNewPasswordValidation,
} from '../auth/new-password-fields.tsx';

const WRONG_PASSWORD_CODES = new Set(['invalid_credentials', 'invalid_password', 'wrong_password']);

interface ChangePasswordCardProps {
  /** Instead of the success notice and an emptied form (the forced change moves on to another page). */
  onChanged?: () => void;
  /** Shown above the fields. */
  intro?: ReactNode;
}

export function ChangePasswordCard({ onChanged, intro }: ChangePasswordCardProps = {}) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const notify = useNotify();
  const validate = useNewPasswordValidation();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const [showErrors, setShowErrors] = useState(false);

  const localErrors = showErrors ? validate(value) : {};
  const error = change.error;
  const serverErrors = useFieldErrorsText(error);
  const wrongCurrent = isApiError(error) && WRONG_PASSWORD_CODES.has(error.code);
  const currentError =
    serverErrors.currentPassword ?? (wrongCurrent ? t('errors.invalid_credentials') : undefined);
  const formError = error && !currentError && !serverErrors.newPassword ? error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    const found = validate(value);
    if (found.password || found.confirm || !current) return;
    change.mutate(
      { currentPassword: current, newPassword: value.password },
      {
        onSuccess: () => {
          if (onChanged) {
            onChanged();
            return;
          }
          notify.success(t('profile.password.success'));
          setCurrent('');
          setValue({ password: '', confirm: '' });
          setShowErrors(false);
          change.reset();
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="change-password-title">
      <form onSubmit={submit} noValidate>
        <Stack maw={420}>
          <Title order={2} fz="h4" id="change-password-title">
            {t('profile.password.title')}
          </Title>
          {intro}
          <FormError error={formError} />
          <PasswordInput
            label={t('profile.password.current')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={currentError ?? (showErrors && !current ? t('validation.required') : undefined)}
            autoComplete="current-password"
            required
            withAsterisk={false}
          />
          <NewPasswordFields
            value={value}
            onChange={setValue}
            errors={{
              password: localErrors.password ?? serverErrors.newPassword,
              confirm: localErrors.confirm,
            }}
            passwordLabel={t('profile.password.new')}
            confirmLabel={t('profile.password.confirm')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('profile.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
