import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api.ts';
import { IconAlert } from './icons.tsx';
import { useErrorMessage } from './use-error-message.ts';

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
}

/** Shown in place of content that failed to load. */
export function QueryError({ error, onRetry }: QueryErrorProps) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} title={t('common.loadFailed')} role="alert">
      <Text size="sm">{message(error)}</Text>
      {isApiError(error) && error.requestId ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.reference', { id: error.requestId })}
        </Text>
      ) : null}
      {onRetry ? (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}

/** A form-level error (not tied to a field). */
export function FormError({ error }: { error: unknown }) {
  const message = useErrorMessage();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
      {message(error)}
    </Alert>
  );
}
