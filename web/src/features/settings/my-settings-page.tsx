import { LANGUAGES, type UserSettings } from '@carebase/contracts';
import { Input, Paper, Radio, SegmentedControl, Select, Stack, Switch, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../app/i18n/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { formatDate } from '../../lib/format.ts';
import { useMySettings, useUpdateMySettings } from './settings.queries.ts';

const THEMES = ['light', 'dark', 'auto'] as const;
const DATE_FORMATS = ['locale', 'iso', 'dmy', 'mdy'] as const;
/** A fixed date that tells day and month apart, for the format examples. */
const EXAMPLE_DATE = '2025-11-28T15:30:00Z';

function isTheme(value: string): value is UserSettings['theme'] {
  return (THEMES as readonly string[]).includes(value);
}
function isDateFormat(value: string): value is UserSettings['dateFormat'] {
  return (DATE_FORMATS as readonly string[]).includes(value);
}

/** `/settings/me`: language, theme, date format and notifications; each change is saved at once. */
export function MySettingsPage() {
  const { t } = useTranslation();
  const settings = useMySettings();
  const update = useUpdateMySettings();
  const notify = useNotify();
  const format = useFormatters();

  const save = (patch: Partial<UserSettings>) => {
    update.mutate(patch, {
      onSuccess: () => notify.success(t('common.saved')),
      onError: notify.error,
    });
  };

  const header = <PageHeader title={t('mySettings.title')} description={t('mySettings.description')} />;
  if (settings.isPending) {
    return (
      <>
        {header}
        <Paper withBorder p="lg" maw={640}>
          <FormSkeleton fields={3} />
        </Paper>
      </>
    );
  }
  if (settings.isError) {
    return (
      <>
        {header}
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      </>
    );
  }
  const value = settings.data;

  return (
    <>
      {header}
      <Stack gap="lg" maw={640}>
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="appearance-title">
          <Stack gap="lg">
            <Title order={2} fz="h4" id="appearance-title">
              {t('mySettings.appearance')}
            </Title>
            <Select
              label={t('mySettings.language')}
              data={LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
              value={value.language}
              onChange={(language) =>
                isLanguage(language) && language !== value.language && save({ language })
              }
              allowDeselect={false}
              w={260}
            />
            <Stack gap={6}>
              <Input.Label labelElement="div" id="theme-label">
                {t('mySettings.theme')}
              </Input.Label>
              <SegmentedControl
                aria-labelledby="theme-label"
                data={THEMES.map((theme) => ({ value: theme, label: t(`mySettings.themes.${theme}`) }))}
                value={value.theme}
                onChange={(theme) => isTheme(theme) && save({ theme })}
                w="fit-content"
              />
            </Stack>
            <Radio.Group
              label={t('mySettings.dateFormat')}
              value={value.dateFormat}
              onChange={(dateFormat) => isDateFormat(dateFormat) && save({ dateFormat })}
            >
              <Stack gap="xs" mt="xs">
                {DATE_FORMATS.map((dateFormat) => (
                  <Radio
                    key={dateFormat}
                    value={dateFormat}
                    label={t(`mySettings.dateFormats.${dateFormat}`, {
                      example: formatDate(EXAMPLE_DATE, { ...format.context, dateFormat }),
                    })}
                  />
                ))}
              </Stack>
            </Radio.Group>
          </Stack>
        </Paper>
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="notifications-title">
          <Stack gap="md">
            <Title order={2} fz="h4" id="notifications-title">
              {t('mySettings.notifications')}
            </Title>
            <Switch
              label={t('mySettings.notifyEmail')}
              description={t('mySettings.notifyEmailHint')}
              checked={value.notifications.email}
              onChange={(e) =>
                save({ notifications: { ...value.notifications, email: e.currentTarget.checked } })
              }
            />
            <Switch
              label={t('mySettings.notifyInApp')}
              description={t('mySettings.notifyInAppHint')}
              checked={value.notifications.inApp}
              onChange={(e) =>
                save({ notifications: { ...value.notifications, inApp: e.currentTarget.checked } })
              }
            />
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}
