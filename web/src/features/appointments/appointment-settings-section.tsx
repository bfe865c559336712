import type { SystemSettings } from '@carebase/contracts';
import {
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type AppointmentSettings = SystemSettings['appointments'];

/** Offsets offered for reminders, in minutes; a stored value outside the list is kept and shown too. */
const OFFSET_CHOICES = [15, 30, 60, 120, 240, 720, 1440, 2880, 4320, 10080];
const MAX_OFFSETS = 5;

function useOffsetLabel() {
  const { t } = useTranslation();
  return (minutes: number) =>
    minutes % 1440 === 0
      ? t('appointments.settings.offsetDays', { count: minutes / 1440 })
      : minutes % 60 === 0
        ? t('appointments.settings.offsetHours', { count: minutes / 60 })
        : t('appointments.settings.offsetMinutes', { count: minutes });
}

function toInt(value: string | number): number {
  return typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
}

/** The `appointments` group of the clinic settings: reminders, and self-booking in the portal. */
export function AppointmentSettingsSection({
  value,
  onChange,
  fieldError,
  disabled,
}: {
  value: AppointmentSettings;
  onChange: (next: AppointmentSettings) => void;
  fieldError: (path: string) => string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const offsetLabel = useOffsetLabel();
  const set = <K extends keyof AppointmentSettings>(key: K, v: AppointmentSettings[K]) =>
    onChange({ ...value, [key]: v });
  const offsets = [...new Set([...OFFSET_CHOICES, ...value.reminderOffsetsMinutes])].sort((a, b) => a - b);

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="appointments-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="h4" id="appointments-title">
            {t('appointments.settings.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('appointments.settings.description')}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <MultiSelect
            label={t('appointments.settings.reminderOffsets')}
            description={t('appointments.settings.reminderOffsetsHint')}
            data={offsets.map((m) => ({ value: String(m), label: offsetLabel(m) }))}
            value={value.reminderOffsetsMinutes.map(String)}
            onChange={(v) =>
              set(
                'reminderOffsetsMinutes',
                v.map(Number).sort((a, b) => b - a),
              )
            }
            maxValues={MAX_OFFSETS}
            error={fieldError('appointments.reminderOffsetsMinutes')}
            disabled={disabled}
          />
          <Checkbox.Group
            label={t('appointments.settings.channels')}
            value={value.reminderChannels}
            onChange={(v) =>
              set(
                'reminderChannels',
                v.filter((c): c is 'email' | 'sms' => c === 'email' || c === 'sms'),
              )
            }
            error={fieldError('appointments.reminderChannels')}
          >
            <Group mt="xs">
              <Checkbox value="email" label={t('appointments.settings.email')} disabled={disabled} />
              <Checkbox value="sms" label={t('appointments.settings.sms')} disabled={disabled} />
            </Group>
          </Checkbox.Group>
          <Switch
            label={t('appointments.settings.selfBookingEnabled')}
            checked={value.selfBookingEnabled}
            onChange={(e) => set('selfBookingEnabled', e.currentTarget.checked)}
            disabled={disabled}
            mt="lg"
          />
          <div />
          <NumberInput
            label={t('appointments.settings.maxDaysAhead')}
            value={Number.isNaN(value.selfBookingMaxDaysAhead) ? '' : value.selfBookingMaxDaysAhead}
            onChange={(v) => set('selfBookingMaxDaysAhead', toInt(v))}
            error={fieldError('appointments.selfBookingMaxDaysAhead')}
            min={1}
            max={365}
            allowDecimal={false}
            disabled={disabled}
          />
          <NumberInput
            label={t('appointments.settings.cutoffHours')}
            value={Number.isNaN(value.selfBookingCancelCutoffHours) ? '' : value.selfBookingCancelCutoffHours}
            onChange={(v) => set('selfBookingCancelCutoffHours', toInt(v))}
            error={fieldError('appointments.selfBookingCancelCutoffHours')}
            min={0}
            max={168}
            allowDecimal={false}
            disabled={disabled}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
