import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERIOD_PRESETS, type PeriodPreset } from './payout-period.ts';

export type PeriodDraft = { preset: PeriodPreset; from: string; to: string };

/** A preset (this month, last month, this year) or two dates typed or picked with the browser's own date field. */
export function PayoutPeriodPicker({
  value,
  onPreset,
  onDates,
}: {
  value: PeriodDraft;
  onPreset: (preset: PeriodPreset) => void;
  onDates: (dates: { from: string; to: string }) => void;
}) {
  const { t } = useTranslation();
  const toBeforeFrom = value.from !== '' && value.to !== '' && value.to < value.from;
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('billing.payouts.period')}
        data={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`billing.payouts.presets.${p}`) }))}
        value={value.preset}
        onChange={(p) => p && onPreset(p as PeriodPreset)}
        allowDeselect={false}
        w={180}
      />
      <TextInput
        type="date"
        label={t('billing.payouts.from')}
        value={value.from}
        onChange={(e) => onDates({ from: e.currentTarget.value, to: value.to })}
        w={170}
      />
      <TextInput
        type="date"
        label={t('billing.payouts.to')}
        value={value.to}
        onChange={(e) => onDates({ from: value.from, to: e.currentTarget.value })}
        error={toBeforeFrom ? t('billing.payouts.toBeforeFrom') : undefined}
        w={170}
      />
    </Group>
  );
}
