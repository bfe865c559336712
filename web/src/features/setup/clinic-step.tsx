import {
  DEFAULT_SYSTEM_SETTINGS,
  LANGUAGES,
  type SystemSettingsPatch,
  type SystemSettingsResponse,
} from '@carebase/contracts';
import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../app/i18n/i18n.ts';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { fieldErrorOf, hasFieldErrorFor } from '../../lib/api.ts';
import { LogoUpload } from '../settings/logo-upload.tsx';
import { currencyOptions, phoneRegions, supported } from '../settings/setting-options.ts';
import { useSystemSettings, useUpdateSystemSettings } from '../settings/settings.queries.ts';
import { browserTimeZone } from './setup-steps.ts';

type ClinicDraft = Required<
  Pick<SystemSettingsPatch, 'clinicName' | 'address' | 'timeZone' | 'currency' | 'defaultLanguage'>
> & { country: string | null };

const FIELDS = ['clinicName', 'address', 'country', 'timeZone', 'currency', 'defaultLanguage'] as const;

/** Until a country is chosen the clinic is new: its time zone is still the default, so offer the browser's. */
function draftOf(settings: SystemSettingsResponse): { draft: ClinicDraft; guessedZone: boolean } {
  const guess = browserTimeZone();
  const guessedZone = settings.country === null && settings.timeZone === 'UTC' && guess !== null;
  return {
    draft: {
      // The placeholder name is not the clinic's: the field starts empty, so it is not saved by accident.
      clinicName: settings.clinicName === DEFAULT_SYSTEM_SETTINGS.clinicName ? '' : settings.clinicName,
      address: settings.address,
      country: settings.country,
      timeZone: guessedZone && guess ? guess : settings.timeZone,
      currency: settings.currency,
      defaultLanguage: settings.defaultLanguage,
    },
    guessedZone,
  };
}

/**
 * The clinic's name, logo, address, country (which also sets the phone region), time zone, currency and the
 * language of its screens and documents.
 */
export function ClinicStep({ onSaved }: { onSaved: () => void | Promise<void> }) {
  const settings = useSystemSettings();
  if (settings.isPending) return <FormSkeleton fields={6} />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <ClinicForm settings={settings.data} onSaved={onSaved} />;
}

function ClinicForm({
  settings,
  onSaved,
}: {
  settings: SystemSettingsResponse;
  onSaved: () => void | Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const save = useUpdateSystemSettings();
  const [{ draft: initial, guessedZone }] = useState(() => draftOf(settings));
  const [draft, setDraft] = useState(initial);
  const [required, setRequired] = useState<Record<string, string>>({});
  const set = <K extends keyof ClinicDraft>(key: K, value: ClinicDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const language = i18n.language;
  const countries = useMemo(
    () => phoneRegions(language, draft.country ?? settings.defaultPhoneRegion),
    [language, draft.country, settings.defaultPhoneRegion],
  );
  const timeZones = useMemo(() => supported('timeZone', draft.timeZone), [draft.timeZone]);
  const currencies = useMemo(() => currencyOptions(language, draft.currency), [language, draft.currency]);

  const fieldError = (field: (typeof FIELDS)[number]) => required[field] ?? fieldErrorOf(save.error, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!draft.clinicName.trim()) found.clinicName = t('validation.required');
    if (!draft.country) found.country = t('validation.required');
    setRequired(found);
    if (Object.keys(found).length > 0 || !draft.country) return;
    save.mutate(
      {
        ...draft,
        clinicName: draft.clinicName.trim(),
        country: draft.country,
        // The country decides how phone numbers typed without a country code are read.
        defaultPhoneRegion: draft.country,
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {hasFieldErrorFor(save.error, FIELDS) ? null : <FormError error={save.error} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput
            label={t('clinicSettings.clinic.clinicName')}
            value={draft.clinicName}
            onChange={(e) => set('clinicName', e.currentTarget.value)}
            error={fieldError('clinicName')}
            maxLength={200}
            required
          />
          <LogoUpload logoUrl={settings.logoUrl} />
          <Textarea
            label={t('clinicSettings.clinic.address')}
            value={draft.address}
            onChange={(e) => set('address', e.currentTarget.value)}
            error={fieldError('address')}
            maxLength={500}
            autosize
            minRows={2}
          />
          <Select
            label={t('setup.clinic.country')}
            description={t('setup.clinic.countryHint')}
            data={countries}
            value={draft.country}
            onChange={(value) => set('country', value)}
            error={fieldError('country')}
            searchable
            required
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('clinicSettings.clinic.timeZone')}
            description={guessedZone ? t('setup.clinic.timeZoneGuessed') : undefined}
            data={timeZones}
            value={draft.timeZone}
            onChange={(value) => value && set('timeZone', value)}
            error={fieldError('timeZone')}
            searchable
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('clinicSettings.clinic.currency')}
            data={currencies}
            value={draft.currency}
            onChange={(value) => value && set('currency', value)}
            error={fieldError('currency')}
            searchable
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('clinicSettings.clinic.defaultLanguage')}
            description={t('clinicSettings.clinic.defaultLanguageHint')}
            data={LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
            value={draft.defaultLanguage}
            onChange={(value) => isLanguage(value) && set('defaultLanguage', value)}
            error={fieldError('defaultLanguage')}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('setup.clinic.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
