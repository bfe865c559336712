import { createTheme, MantineProvider, mergeThemeOverrides } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { i18n } from './i18n/i18n.ts';
import { createQueryClient } from './query-client.ts';
import { createRouter } from './router.tsx';
import { theme } from './theme.ts';

const queryClient = createQueryClient();
const router = createRouter();

/** Mantine's own controls (close buttons, the password eye) get labels in the user's language. */
function LocalizedMantine({ children }: { children: ReactNode }) {
  const { t, i18n: instance } = useTranslation();
  const language = instance.language;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change with the language
  const localized = useMemo(() => {
    const close = { 'aria-label': t('common.close') };
    return mergeThemeOverrides(
      theme,
      createTheme({
        components: {
          Modal: { defaultProps: { closeButtonProps: close } },
          Drawer: { defaultProps: { closeButtonProps: close } },
          Notification: { defaultProps: { closeButtonProps: close } },
          PasswordInput: {
            defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } },
          },
        },
      }),
    );
  }, [t, language]);
  return (
    <MantineProvider theme={localized} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <LocalizedMantine>
        <Notifications position="top-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </LocalizedMantine>
    </I18nextProvider>
  );
}
