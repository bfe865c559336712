import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/error-message.ts';

/** Turns any error into a sentence in the user's language. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const description = describeError(error);
      switch (description.kind) {
        case 'translated':
          return t(description.key);
        case 'retry':
          return t(description.key, { seconds: description.seconds });
        case 'text':
          return description.text;
      }
    },
    [t],
  );
}

/** Toasts for the outcome of an action. */
export function useNotify() {
  const errorMessage = useErrorMessage();
  return {
    success: useCallback((message: string) => {
      notifications.show({ color: 'teal', message, withBorder: true });
    }, []),
    error: useCallback(
      (error: unknown) => {
        notifications.show({ color: 'red', message: errorMessage(error), withBorder: true, autoClose: 8000 });
      },
      [errorMessage],
    ),
  };
}
