import { Input, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RETENTION_BOUNDS,
  type Retention,
  type RetentionField,
  retentionPeriods,
} from './backup-schedule-rules.ts';

const FIELDS: RetentionField[] = ['daily', 'weekly', 'monthly'];

function toInt(value: string | number): number {
  return typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
}

/** "the last 7 days, 4 weeks and 12 months", in the user's language. */
function useRetentionSentence(retention: Retention): string | null {
  const { t, i18n } = useTranslation();
  const periods = retentionPeriods(retention).map(({ unit, count }) =>
    t(`backups.schedule.periods.${unit}`, { count }),
  );
  if (periods.length === 0) return null;
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(periods);
  return t('backups.schedule.keeps', { periods: list });
}

interface BackupRetentionFieldsProps {
  value: Retention;
  onChange: (next: Retention) => void;
  errorOf: (field: RetentionField) => string | undefined;
  disabled: boolean;
}

/** How many days, weeks and months of backups are kept, with a sentence saying what that means. */
export function BackupRetentionFields({ value, onChange, errorOf, disabled }: BackupRetentionFieldsProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const sentenceId = useId();
  const sentence = useRetentionSentence(value);

  return (
    <Stack gap={6} role="group" aria-labelledby={labelId} aria-describedby={sentenceId}>
      <Input.Label id={labelId}>{t('backups.schedule.retention')}</Input.Label>
      <SimpleGrid cols={3} spacing="sm">
        {FIELDS.map((field) => (
          <NumberInput
            key={field}
            label={t(`backups.schedule.${field}`)}
            description={t('backups.schedule.range', RETENTION_BOUNDS[field])}
            value={Number.isNaN(value[field]) ? '' : value[field]}
            onChange={(next) => onChange({ ...value, [field]: toInt(next) })}
            error={errorOf(field)}
            min={RETENTION_BOUNDS[field].min}
            max={RETENTION_BOUNDS[field].max}
            allowDecimal={false}
            allowNegative={false}
            disabled={disabled}
          />
        ))}
      </SimpleGrid>
      <Text id={sentenceId} size="sm" c="dimmed" aria-live="polite">
        {sentence}
      </Text>
    </Stack>
  );
}
