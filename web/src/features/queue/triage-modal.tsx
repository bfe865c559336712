import { type QueueTicket, VITAL_RANGES, type VitalMeasure } from '@carebase/contracts';
import { Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { isApiError } from '../../lib/api.ts';
import { useVitalsMessage } from '../vitals/vitals-form.tsx';
import {
  emptyVitalsForm,
  serverVitalsErrors,
  type VitalsErrors,
  type VitalsFormValues,
  validateVitals,
} from '../vitals/vitals-model.ts';
import { PriorityFields, type PriorityValue } from './priority-fields.tsx';
import { useTriage } from './queue.queries.ts';

/** The measures a triage desk takes; the rest belong to the consultation. */
const TRIAGE_MEASURES: readonly VitalMeasure[] = [
  'systolic',
  'diastolic',
  'heartRate',
  'respiratoryRate',
  'temperatureC',
  'spo2',
];

/** Priority, a note, and (for roles that write charts) vitals, saved together. */
export function TriageModal({
  ticket,
  withVitals,
  onClose,
}: {
  ticket: QueueTicket;
  withVitals: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const vitalsMessage = useVitalsMessage();
  const triage = useTriage();
  const [priority, setPriority] = useState<PriorityValue>({
    priority: ticket.priority,
    reason: ticket.priorityReason,
  });
  const [note, setNote] = useState(ticket.triageNote ?? '');
  const [vitals, setVitals] = useState<VitalsFormValues>(emptyVitalsForm);
  const [errors, setErrors] = useState<VitalsErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let vitalsBody: ReturnType<typeof validateVitals> | null = null;
    if (TRIAGE_MEASURES.some((m) => vitals[m].trim() !== '')) {
      vitalsBody = validateVitals(vitals, { timeZone: format.context.timeZone });
      if (!vitalsBody.ok) {
        setErrors(vitalsBody.errors);
        return;
      }
    }
    setErrors({});
    triage.mutate(
      {
        id: ticket.id,
        body: {
          priority: priority.priority,
          priorityReason: priority.reason,
          note,
          ...(vitalsBody?.ok ? { vitals: vitalsBody.body } : {}),
        },
      },
      {
        onSuccess: () => {
          notify.success(t('queue.triage.saved', { ticket: ticket.ticket }));
          onClose();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const vitalsFields = Object.fromEntries(
            Object.entries(error.fieldErrors())
              .filter(([path]) => path.startsWith('vitals.'))
              .map(([path, message]) => [path.slice('vitals.'.length), message]),
          );
          setErrors(serverVitalsErrors(vitalsFields));
        },
      },
    );
  };

  const showFormError = !(
    isApiError(triage.error) && triage.error.errors.some((e) => e.path.includes('vitals.'))
  );

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('queue.triage.title', { ticket: ticket.ticket })}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" fw={500}>
            {ticket.patientName} · {ticket.mrn}
          </Text>
          <PriorityFields value={priority} onChange={setPriority} />
          <Textarea
            label={t('queue.triage.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={2}
          />
          {withVitals ? (
            <Stack gap="xs">
              <Title order={3} fz="sm">
                {t('queue.triage.vitals')}
              </Title>
              {errors._form ? (
                <Text size="sm" c="red" role="alert">
                  {vitalsMessage(errors._form)}
                </Text>
              ) : null}
              <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="sm">
                {TRIAGE_MEASURES.map((m) => (
                  <TextInput
                    key={m}
                    label={t(`vitals.measures.${m}`)}
                    value={vitals[m]}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setVitals((v) => ({ ...v, [m]: value }));
                    }}
                    error={vitalsMessage(errors[m])}
                    inputMode={m === 'temperatureC' ? 'decimal' : 'numeric'}
                    rightSection={
                      <Text size="xs" c="dimmed" pr={6}>
                        {VITAL_RANGES[m].unit}
                      </Text>
                    }
                    rightSectionWidth={48}
                    autoComplete="off"
                    maxLength={8}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          ) : null}
          {showFormError ? <FormError error={triage.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={triage.isPending}>
              {t('queue.triage.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
