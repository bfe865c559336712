import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconMail } from '../../components/icons.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorsText } from '../../components/use-error-message.ts';
import { usePageTitle } from '../../components/use-page-title.ts';
import { useRequestPasswordReset } from './auth.queries.ts';

/** Asks for a reset link. The answer is the same whether the account exists or not. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  usePageTitle(t('auth.forgot.title'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email.trim());
  };

  const fieldErrors = useFieldErrorsText(request.error);

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={2} fz="h3">
          {t('auth.forgot.title')}
        </Title>
        {request.isSuccess ? null : (
          <Text size="sm" c="dimmed">
            {t('auth.forgot.description')}
          </Text>
        )}
      </Stack>
      {request.isSuccess ? (
        <Alert color="teal" variant="light" icon={<IconMail />} role="status">
          {t('auth.forgot.sent')}
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {fieldErrors.email ? null : <FormError error={request.error} />}
            <TextInput
              label={t('auth.forgot.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrors.email}
              autoComplete="email"
              required
              withAsterisk={false}
              autoFocus
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('auth.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Group justify="center">
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.forgot.backToLogin')}
        </Anchor>
      </Group>
    </Stack>
  );
}
