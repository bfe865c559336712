import { VITAL_RANGES, type VitalMeasure } from '@carebase/contracts';
import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { isApiError } from '../../lib/api.ts';
import { useRecordVitals } from './vitals.queries.ts';
import {
  emptyVitalsForm,
  serverVitalsErrors,
  VITAL_FIELDS,
  type VitalsErrors,
  type VitalsFormValues,
  type VitalsMessage,
  validateVitals,
} from './vitals-model.ts';

export function useVitalsMessage(): (message: VitalsMessage | undefined) => string | undefined {
  const { t } = useTranslation();
  return (message) => {
    if (!message) return undefined;
    if ('text' in message) return message.text;
    if (message.key === 'vitals.validation.range') {
      return t(message.key, {
        measure: t(`vitals.measures.${message.measure}`),
        min: message.min,
        max: message.max,
        unit: message.unit,
      });
    }
    return t(message.key);
  };
}

/** The unit of a measure as shown next to its value. */
export function unitOf(measure: VitalMeasure | 'bmi'): string {
  return measure === 'bmi' ? 'kg/m²' : VITAL_RANGES[measure].unit;
}

interface VitalsFormProps {
  patientId: string;
  encounterId?: string;
  onDone?: () => void;
  onCancel?: () => void;
}

/** One set of vitals: each measure optional, checked against the plausible ranges before it is sent. */
export function VitalsForm({ patientId, encounterId, onDone, onCancel }: VitalsFormProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const message = useVitalsMessage();
  const record = useRecordVitals(patientId);
  const [values, setValues] = useState<VitalsFormValues>(emptyVitalsForm);
  const [errors, setErrors] = useState<VitalsErrors>({});

  const set = (key: keyof VitalsFormValues, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateVitals(values, { encounterId, timeZone: format.context.timeZone });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    record.mutate(result.body, {
      onSuccess: (saved) => {
        notify.success(
          saved.bmi !== null
            ? t('vitals.savedWithBmi', { bmi: format.number(saved.bmi) })
            : t('vitals.saved'),
        );
        setValues(emptyVitalsForm());
        onDone?.();
      },
      onError: (error) => {
        if (isApiError(error) && error.errors.length > 0) setErrors(serverVitalsErrors(error.fieldErrors()));
      },
    });
  };

  const serverFormError = record.error && !(isApiError(record.error) && record.error.errors.length > 0);

  return (
    <form onSubmit={submit} noValidate aria-label={t('vitals.formTitle')}>
      <Stack gap="md">
        {errors._form ? (
          <Alert color="red" variant="light" role="alert">
            {message(errors._form)}
          </Alert>
        ) : null}
        {serverFormError ? <FormError error={record.error} /> : null}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          {VITAL_FIELDS.map((field) => {
            const range = VITAL_RANGES[field];
            return (
              <TextInput
                key={field}
                label={t(`vitals.measures.${field}`)}
                description={t('vitals.rangeHint', { min: range.min, max: range.max, unit: range.unit })}
                value={values[field]}
                onChange={(e) => set(field, e.currentTarget.value)}
                error={message(errors[field])}
                inputMode={
                  field === 'temperatureC' || field === 'weightKg' || field === 'heightCm'
                    ? 'decimal'
                    : 'numeric'
                }
                rightSection={
                  <Text size="xs" c="dimmed" pr={6}>
                    {range.unit}
                  </Text>
                }
                rightSectionWidth={48}
                autoComplete="off"
                maxLength={8}
              />
            );
          })}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('vitals.takenAt')}
            description={t('vitals.takenAtHint', { timeZone: format.context.timeZone })}
            type="datetime-local"
            value={values.takenAt}
            onChange={(e) => set('takenAt', e.currentTarget.value)}
            error={message(errors.takenAt)}
          />
          <Textarea
            label={t('vitals.note')}
            value={values.note}
            onChange={(e) => set('note', e.currentTarget.value)}
            error={message(errors.note)}
            maxLength={1000}
            autosize
            minRows={1}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={record.isPending}>
            {t('vitals.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
