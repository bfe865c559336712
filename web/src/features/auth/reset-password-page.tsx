import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { IconAlert, IconCheck } from '../../components/icons.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorsText } from '../../components/use-error-message.ts';
import { usePageTitle } from '../../components/use-page-title.ts';
import { useConfirmPasswordReset } from './auth.queries.ts';
import {
  NewPasswordFields,
  type NewPasswordValue,
  useNewPasswordValidation,
} from './new-password-fields.tsx';

/** Sets a new password with the token from the emailed link (`/reset-password?token=…`). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmPasswordReset();
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const [showErrors, setShowErrors] = useState(false);
  const validate = useNewPasswordValidation();
  usePageTitle(t('auth.reset.title'));

  const localErrors = showErrors ? validate(value) : {};
  const serverErrors = useFieldErrorsText(confirm.error);
  const errors = {
    password: localErrors.password ?? serverErrors.newPassword,
    confirm: localErrors.confirm,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    const found = validate(value);
    if (found.password || found.confirm) return;
    confirm.mutate({ token, newPassword: value.password });
  };

  const tokenError = serverErrors.token !== undefined;

  return (
    <Stack>
      <Title order={2} fz="h3">
        {t('auth.reset.title')}
      </Title>
      {!token ? (
        <Alert color="orange" variant="light" icon={<IconAlert />}>
          {t('auth.reset.missingToken')}
        </Alert>
      ) : confirm.isSuccess ? (
        <Alert color="teal" variant="light" icon={<IconCheck />} role="status">
          {t('auth.reset.success')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {tokenError ? (
              <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
                {t('auth.reset.invalidToken')}
              </Alert>
            ) : serverErrors.newPassword ? null : (
              <FormError error={confirm.error} />
            )}
            <NewPasswordFields
              value={value}
              onChange={setValue}
              errors={errors}
              passwordLabel={t('auth.reset.newPassword')}
              confirmLabel={t('auth.reset.confirmPassword')}
            />
            <Button type="submit" loading={confirm.isPending} fullWidth>
              {t('auth.reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Group justify="space-between">
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.forgot.backToLogin')}
        </Anchor>
        {!confirm.isSuccess ? (
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('auth.reset.requestNew')}
          </Anchor>
        ) : null}
      </Group>
    </Stack>
  );
}
