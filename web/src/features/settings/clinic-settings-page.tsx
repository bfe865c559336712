import {
  formatMrn,
  LANGUAGES,
  mrnFormatProblem,
  type SystemSecretName,
  type SystemSettings,
  type SystemSettingsResponse,
} from '@carebase/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Input,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../app/i18n/i18n.ts';
import { IconLock } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { isApiError } from '../../lib/api.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { AppointmentSettingsSection } from '../appointments/appointment-settings-section.tsx';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { LogoUpload } from './logo-upload.tsx';
import { currencyOptions, phoneRegions, supported } from './setting-options.ts';
import { useSystemSettings, useUpdateSystemSettings } from './settings.queries.ts';
import {
  diffSystemSettings,
  EMPTY_SECRETS,
  isEmptyPatch,
  type SecretsDraft,
} from './system-settings-diff.ts';

function settingsOf(response: SystemSettingsResponse): SystemSettings {
  const { secretsSet: _secretsSet, ...settings } = response;
  return settings;
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="h4" id={`${id}-title`}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

interface SecretFieldProps {
  name: SystemSecretName;
  label: string;
  isSet: boolean;
  draft: SecretsDraft[SystemSecretName];
  onChange: (draft: SecretsDraft[SystemSecretName]) => void;
  error?: string;
  disabled: boolean;
}

/** A write-only secret: whether one is set, a field to set a new one, and a button to clear it. */
function SecretField({ name, label, isSet, draft, onChange, error, disabled }: SecretFieldProps) {
  const { t } = useTranslation();
  const statusId = `secret-${name}-status`;
  const inputId = `secret-${name}-input`;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Input.Label htmlFor={draft.clear ? undefined : inputId}>{label}</Input.Label>
        <Badge
          id={statusId}
          size="sm"
          variant="light"
          color={isSet ? 'teal' : 'gray'}
          leftSection={<IconLock size={12} />}
        >
          {isSet ? t('clinicSettings.secret.set') : t('clinicSettings.secret.notSet')}
        </Badge>
      </Group>
      {draft.clear ? (
        <Group gap="sm">
          <Text size="sm" c="orange" role="status">
            {t('clinicSettings.secret.willBeCleared')}
          </Text>
          <Button size="xs" variant="default" onClick={() => onChange({ value: '', clear: false })}>
            {t('clinicSettings.secret.undo')}
          </Button>
        </Group>
      ) : (
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <PasswordInput
            id={inputId}
            placeholder={t('clinicSettings.secret.newValue')}
            description={isSet ? t('clinicSettings.secret.replaceHint') : undefined}
            aria-describedby={statusId}
            value={draft.value}
            onChange={(e) => onChange({ value: e.currentTarget.value, clear: false })}
            error={error}
            autoComplete="new-password"
            disabled={disabled}
            style={{ flex: 1 }}
            maxLength={1000}
          />
          {isSet && !disabled ? (
            <Button variant="default" color="red" onClick={() => onChange({ value: '', clear: true })}>
              {t('clinicSettings.secret.clear')}
            </Button>
          ) : null}
        </Group>
      )}
    </Stack>
  );
}

function toInt(value: string | number): number {
  return typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
}

function ClinicSettingsForm({ data, canWrite }: { data: SystemSettingsResponse; canWrite: boolean }) {
  const serverError = useFieldErrorText();
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const save = useUpdateSystemSettings();
  const [baseline, setBaseline] = useState<SystemSettings>(() => settingsOf(data));
  const [form, setForm] = useState<SystemSettings>(() => settingsOf(data));
  const [secrets, setSecrets] = useState<SecretsDraft>(EMPTY_SECRETS);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const patch = useMemo(() => diffSystemSettings(baseline, form, secrets), [baseline, form, secrets]);
  const dirty = !isEmptyPatch(patch);

  // When someone else saves (the event refetches), take their values unless there are edits in progress.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only fresh server data triggers this
  useEffect(() => {
    if (dirty) return;
    const next = settingsOf(data);
    setBaseline(next);
    setForm(next);
  }, [data]);

  const set = <K extends keyof SystemSettings>(key: K, value: SystemSettings[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const setIn = <G extends 'mail' | 'sms' | 'certificates', K extends keyof SystemSettings[G]>(
    group: G,
    key: K,
    value: SystemSettings[G][K],
  ) => setForm((current) => ({ ...current, [group]: { ...current[group], [key]: value } }));

  const timeZones = useMemo(() => supported('timeZone', form.timeZone), [form.timeZone]);
  const regions = useMemo(
    () => phoneRegions(i18n.language, form.defaultPhoneRegion),
    [i18n.language, form.defaultPhoneRegion],
  );
  const mrnProblem = mrnFormatProblem(form.mrnFormat);
  const mrnExample = mrnProblem ? '' : formatMrn(form.mrnFormat, 1, new Date().getFullYear());
  const currencies = useMemo(
    () => currencyOptions(i18n.language, form.currency),
    [form.currency, i18n.language],
  );

  const error = save.error;
  const fieldError = (path: string) => localErrors[path] ?? serverError(error, path);
  const hasFieldErrors = isApiError(error) && error.errors.length > 0;

  const discard = () => {
    setForm(baseline);
    setSecrets(EMPTY_SECRETS);
    setLocalErrors({});
    save.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!form.clinicName.trim()) found.clinicName = t('validation.required');
    if (!Number.isInteger(form.defaultAppointmentMinutes))
      found.defaultAppointmentMinutes = t('validation.number');
    if (!Number.isInteger(form.mail.smtpPort)) found['mail.smtpPort'] = t('validation.number');
    if (mrnProblem) found.mrnFormat = t('patients.settings.mrnFormatInvalid');
    if (!Number.isInteger(form.appointments.selfBookingMaxDaysAhead))
      found['appointments.selfBookingMaxDaysAhead'] = t('validation.number');
    if (!Number.isInteger(form.appointments.selfBookingCancelCutoffHours))
      found['appointments.selfBookingCancelCutoffHours'] = t('validation.number');
    setLocalErrors(found);
    if (Object.keys(found).length > 0 || !dirty) return;
    save.mutate(patch, {
      onSuccess: (saved) => {
        const next = settingsOf(saved);
        setBaseline(next);
        setForm(next);
        setSecrets(EMPTY_SECRETS);
        notify.success(t('clinicSettings.saved'));
      },
    });
  };

  const disabled = !canWrite;
  const secretProps = (name: SystemSecretName) => ({
    name,
    isSet: data.secretsSet[name],
    draft: secrets[name],
    onChange: (draft: SecretsDraft[SystemSecretName]) =>
      setSecrets((current) => ({ ...current, [name]: draft })),
    error: fieldError(`secrets.${name}`),
    disabled,
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {!canWrite ? (
          <Alert color="gray" variant="light" icon={<IconLock />}>
            {t('clinicSettings.readOnly')}
          </Alert>
        ) : null}
        {hasFieldErrors ? null : <FormError error={error} />}

        <Section id="clinic" title={t('clinicSettings.clinic.title')}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput
              label={t('clinicSettings.clinic.clinicName')}
              value={form.clinicName}
              onChange={(e) => set('clinicName', e.currentTarget.value)}
              error={fieldError('clinicName')}
              maxLength={200}
              required
              disabled={disabled}
            />
            <LogoUpload logoUrl={data.logoUrl} disabled={disabled} />
            <TextInput
              label={t('clinicSettings.clinic.address')}
              value={form.address}
              onChange={(e) => set('address', e.currentTarget.value)}
              error={fieldError('address')}
              maxLength={500}
              disabled={disabled}
            />
            <TextInput
              label={t('clinicSettings.clinic.phone')}
              value={form.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={fieldError('phone')}
              type="tel"
              maxLength={50}
              disabled={disabled}
            />
            <TextInput
              label={t('clinicSettings.clinic.email')}
              value={form.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={fieldError('email')}
              type="email"
              maxLength={254}
              disabled={disabled}
            />
            <Select
              label={t('clinicSettings.clinic.timeZone')}
              description={t('clinicSettings.clinic.timeZoneHint')}
              data={timeZones}
              value={form.timeZone}
              onChange={(value) => value && set('timeZone', value)}
              error={fieldError('timeZone')}
              searchable
              allowDeselect={false}
              limit={100}
              disabled={disabled}
            />
            <Select
              label={t('clinicSettings.clinic.currency')}
              data={currencies}
              value={form.currency}
              onChange={(value) => value && set('currency', value)}
              error={fieldError('currency')}
              searchable
              allowDeselect={false}
              limit={100}
              disabled={disabled}
            />
            <NumberInput
              label={t('clinicSettings.clinic.defaultAppointmentMinutes')}
              value={Number.isNaN(form.defaultAppointmentMinutes) ? '' : form.defaultAppointmentMinutes}
              onChange={(value) => set('defaultAppointmentMinutes', toInt(value))}
              error={fieldError('defaultAppointmentMinutes')}
              min={5}
              max={480}
              step={5}
              allowDecimal={false}
              disabled={disabled}
            />
            <Select
              label={t('clinicSettings.clinic.defaultLanguage')}
              description={t('clinicSettings.clinic.defaultLanguageHint')}
              data={LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
              value={form.defaultLanguage}
              onChange={(value) => isLanguage(value) && set('defaultLanguage', value)}
              error={fieldError('defaultLanguage')}
              allowDeselect={false}
              disabled={disabled}
            />
          </SimpleGrid>
        </Section>

        <Section
          id="patient-records"
          title={t('patients.settings.title')}
          description={t('patients.settings.description')}
        >
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput
              label={t('patients.settings.mrnFormat')}
              description={t('patients.settings.mrnFormatHint', { example: mrnExample || '—' })}
              value={form.mrnFormat}
              onChange={(e) => set('mrnFormat', e.currentTarget.value)}
              error={fieldError('mrnFormat')}
              maxLength={40}
              disabled={disabled}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Select
              label={t('patients.settings.defaultPhoneRegion')}
              description={t('patients.settings.defaultPhoneRegionHint')}
              data={regions}
              value={form.defaultPhoneRegion}
              onChange={(value) => value && set('defaultPhoneRegion', value)}
              error={fieldError('defaultPhoneRegion')}
              searchable
              allowDeselect={false}
              limit={300}
              disabled={disabled}
            />
          </SimpleGrid>
        </Section>

        <AppointmentSettingsSection
          value={form.appointments}
          onChange={(next) => set('appointments', next)}
          fieldError={fieldError}
          disabled={disabled}
        />

        <Section
          id="certificates"
          title={t('clinicSettings.certificates.title')}
          description={t('clinicSettings.certificates.description')}
        >
          <Switch
            label={t('clinicSettings.certificates.selfApproval')}
            description={t('clinicSettings.certificates.selfApprovalHint')}
            checked={form.certificates.selfApprovalAllowed}
            onChange={(e) => setIn('certificates', 'selfApprovalAllowed', e.currentTarget.checked)}
            disabled={disabled}
          />
        </Section>

        <Section
          id="mail"
          title={t('clinicSettings.mail.title')}
          description={t('clinicSettings.mail.description')}
        >
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput
              label={t('clinicSettings.mail.smtpHost')}
              value={form.mail.smtpHost}
              onChange={(e) => setIn('mail', 'smtpHost', e.currentTarget.value)}
              error={fieldError('mail.smtpHost')}
              maxLength={255}
              disabled={disabled}
            />
            <NumberInput
              label={t('clinicSettings.mail.smtpPort')}
              value={Number.isNaN(form.mail.smtpPort) ? '' : form.mail.smtpPort}
              onChange={(value) => setIn('mail', 'smtpPort', toInt(value))}
              error={fieldError('mail.smtpPort')}
              min={1}
              max={65535}
              allowDecimal={false}
              disabled={disabled}
            />
            <TextInput
              label={t('clinicSettings.mail.smtpUser')}
              value={form.mail.smtpUser}
              onChange={(e) => setIn('mail', 'smtpUser', e.currentTarget.value)}
              error={fieldError('mail.smtpUser')}
              autoComplete="off"
              maxLength={255}
              disabled={disabled}
            />
            <TextInput
              label={t('clinicSettings.mail.from')}
              description={t('clinicSettings.mail.fromHint')}
              value={form.mail.from}
              onChange={(e) => setIn('mail', 'from', e.currentTarget.value)}
              error={fieldError('mail.from')}
              maxLength={255}
              disabled={disabled}
            />
            <SecretField label={t('clinicSettings.mail.password')} {...secretProps('smtpPassword')} />
            <Switch
              label={t('clinicSettings.mail.smtpSecure')}
              checked={form.mail.smtpSecure}
              onChange={(e) => setIn('mail', 'smtpSecure', e.currentTarget.checked)}
              disabled={disabled}
              mt="lg"
            />
          </SimpleGrid>
        </Section>

        <Section
          id="sms"
          title={t('clinicSettings.sms.title')}
          description={t('clinicSettings.sms.description')}
        >
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Select
              label={t('clinicSettings.sms.provider')}
              data={[
                { value: 'none', label: t('clinicSettings.sms.providers.none') },
                { value: 'http', label: t('clinicSettings.sms.providers.http') },
              ]}
              value={form.sms.provider}
              onChange={(value) => (value === 'none' || value === 'http') && setIn('sms', 'provider', value)}
              error={fieldError('sms.provider')}
              allowDeselect={false}
              disabled={disabled}
            />
            <TextInput
              label={t('clinicSettings.sms.sender')}
              value={form.sms.sender}
              onChange={(e) => setIn('sms', 'sender', e.currentTarget.value)}
              error={fieldError('sms.sender')}
              maxLength={50}
              disabled={disabled}
            />
            <TextInput
              label={t('clinicSettings.sms.url')}
              value={form.sms.url}
              onChange={(e) => setIn('sms', 'url', e.currentTarget.value)}
              error={fieldError('sms.url')}
              type="url"
              maxLength={2000}
              disabled={disabled}
            />
            <SecretField label={t('clinicSettings.sms.apiKey')} {...secretProps('smsApiKey')} />
          </SimpleGrid>
        </Section>
      </Stack>

      {canWrite && (dirty || save.isPending) ? (
        <Paper withBorder shadow="md" p="sm" radius="md" className="save-bar">
          <Group justify="space-between" gap="sm">
            <Text size="sm" fw={500} role="status">
              {t('clinicSettings.unsaved')}
            </Text>
            <Group gap="sm">
              <Button variant="default" onClick={discard} disabled={!dirty || save.isPending}>
                {t('common.discard')}
              </Button>
              <Button type="submit" disabled={!dirty} loading={save.isPending}>
                {t('common.saveChanges')}
              </Button>
            </Group>
          </Group>
        </Paper>
      ) : null}
    </form>
  );
}

/** `/settings/clinic`: settings of the whole clinic; editable with settings:write. */
export function ClinicSettingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const settings = useSystemSettings();
  return (
    <>
      <PageHeader title={t('clinicSettings.title')} description={t('clinicSettings.description')} />
      {settings.isPending ? (
        <Paper withBorder p="lg">
          <FormSkeleton fields={6} />
        </Paper>
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <ClinicSettingsForm data={settings.data} canWrite={hasPermission(me, 'settings:write')} />
      )}
    </>
  );
}
