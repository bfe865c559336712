import type { AvailabilitySlot, PatientSummary, SeriesPreview } from '@carebase/contracts';
import { Button, Checkbox, Group, Modal, Select, Stack, Stepper, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { PatientPicker } from '../patients/patient-picker.tsx';
import { useProviders, useServices } from '../scheduling/scheduling.queries.ts';
import { useBookAppointment, useBookSeries, useSeriesPreview } from './appointments.queries.ts';
import { RecurrenceFields, SeriesPreviewTable } from './recurrence-fields.tsx';
import { DEFAULT_RECURRENCE, type Recurrence, toRrule } from './recurrence-model.ts';
import { SlotPicker } from './slot-picker.tsx';
import './booking-wizard.css';

const STEPPER_CLASSES = {
  stepLabel: 'wizard-step-label',
  stepDescription: 'wizard-step-description',
  separator: 'wizard-step-separator',
};

/** A chosen name under its step, cut to fit; the whole name shows on hover. */
function stepChoice(text: string | undefined) {
  return text ? <span title={text}>{text}</span> : undefined;
}

interface BookingWizardProps {
  onClose: () => void;
  /** The local day to start the slot search on. */
  initialDate: string;
  initialProviderId?: string | undefined;
}

/** Patient → service → provider → free time → confirm, with an optional recurring series. */
export function BookingWizard({ onClose, initialDate, initialProviderId }: BookingWizardProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const timeZone = format.context.timeZone;
  const services = useServices();
  const providers = useProviders();
  const book = useBookAppointment();
  const bookSeries = useBookSeries();
  const preview = useSeriesPreview();

  const [step, setStep] = useState(0);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [date, setDate] = useState(initialDate);
  const [slot, setSlot] = useState<AvailabilitySlot | null>(null);
  const [notes, setNotes] = useState('');
  const [recurring, setRecurring] = useState(false);
  const [recurrence, setRecurrence] = useState<Recurrence>(DEFAULT_RECURRENCE);
  const [checked, setChecked] = useState<SeriesPreview | null>(null);
  const [skipConflicts, setSkipConflicts] = useState(false);

  const service = services.data?.find((s) => s.id === serviceId) ?? null;
  const offering = (providers.data ?? []).filter((p) => service?.providerIds.includes(p.id));
  const provider = offering.find((p) => p.id === providerId) ?? null;

  const chooseService = (id: string | null) => {
    setServiceId(id);
    const next = services.data?.find((s) => s.id === id);
    const keep = next?.providerIds.includes(providerId ?? '') ? providerId : null;
    const preferred =
      initialProviderId && next?.providerIds.includes(initialProviderId) ? initialProviderId : null;
    setProviderId(
      keep ?? preferred ?? (next?.providerIds.length === 1 ? (next.providerIds[0] ?? null) : null),
    );
    setSlot(null);
  };
  const changeRecurrence = (r: Recurrence) => {
    setRecurrence(r);
    setChecked(null);
  };

  const base = () =>
    patient && service && provider && slot
      ? {
          patientId: patient.id,
          providerId: provider.id,
          serviceId: service.id,
          startsAt: slot.startsAt,
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        }
      : null;
  const when = slot ? format.dateTime(slot.startsAt) : '';

  const submit = () => {
    const body = base();
    if (!body || !patient) return;
    if (!recurring) {
      book.mutate(body, {
        onSuccess: (a) => {
          notify.success(
            t('appointments.wizard.booked', { name: patient.displayName, time: format.dateTime(a.startsAt) }),
          );
          onClose();
        },
      });
      return;
    }
    bookSeries.mutate(
      { ...body, rrule: toRrule(recurrence), skipConflicts },
      {
        onSuccess: (result) => {
          notify.success(t('appointments.wizard.seriesBooked', { count: result.appointments.length }));
          onClose();
        },
      },
    );
  };
  const checkDates = () => {
    const body = base();
    if (body) preview.mutate({ ...body, rrule: toRrule(recurrence) }, { onSuccess: setChecked });
  };

  const canNext = [patient !== null, service !== null, provider !== null, slot !== null][step] ?? false;

  return (
    <Modal opened onClose={onClose} title={t('appointments.wizard.title')} size={920} centered>
      <Stepper
        active={step}
        onStepClick={(s) => s < step && setStep(s)}
        size="sm"
        allowNextStepsSelect={false}
        classNames={STEPPER_CLASSES}
        wrap={false}
      >
        <Stepper.Step
          label={t('appointments.wizard.patientStep')}
          description={stepChoice(patient?.displayName)}
        >
          {patient ? (
            <Group justify="space-between" mt="md">
              <Text>
                {t('appointments.wizard.chosenPatient', { name: patient.displayName, mrn: patient.mrn })}
              </Text>
              <Button variant="subtle" onClick={() => setPatient(null)}>
                {t('appointments.wizard.change')}
              </Button>
            </Group>
          ) : (
            <Stack mt="md">
              <PatientPicker
                label={t('appointments.wizard.findPatient')}
                onPick={(p) => {
                  setPatient(p);
                  setStep(1);
                }}
              />
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Step label={t('appointments.wizard.serviceStep')} description={stepChoice(service?.name)}>
          <Select
            mt="md"
            label={t('appointments.wizard.service')}
            data={(services.data ?? [])
              .filter((s) => s.active)
              .map((s) => ({
                value: s.id,
                label: `${s.name} (${[
                  t('appointments.wizard.minutes', { count: s.durationMinutes }),
                  s.priceMinor === null ? null : format.money(s.priceMinor),
                ]
                  .filter(Boolean)
                  .join(' · ')})`,
              }))}
            value={serviceId}
            onChange={chooseService}
            searchable
            data-autofocus
          />
        </Stepper.Step>
        <Stepper.Step label={t('appointments.wizard.providerStep')} description={stepChoice(provider?.name)}>
          <Stack mt="md">
            {service && offering.length === 0 ? (
              <Text c="dimmed">{t('appointments.wizard.noProviders')}</Text>
            ) : (
              <Select
                label={t('appointments.wizard.provider')}
                data={offering.map((p) => ({ value: p.id, label: p.name }))}
                value={providerId}
                onChange={(id) => {
                  setProviderId(id);
                  setSlot(null);
                }}
                searchable
              />
            )}
          </Stack>
        </Stepper.Step>
        <Stepper.Step
          label={t('appointments.wizard.slotStep')}
          description={stepChoice(slot ? `${slot.localDate} ${slot.localTime}` : undefined)}
        >
          {service && provider ? (
            <Stack mt="md">
              <SlotPicker
                providerId={provider.id}
                serviceId={service.id}
                timeZone={timeZone}
                date={date}
                onDateChange={setDate}
                selected={slot?.startsAt ?? null}
                onPick={(s) => {
                  setSlot(s);
                  setChecked(null);
                  setStep(4);
                }}
              />
            </Stack>
          ) : null}
        </Stepper.Step>
        <Stepper.Step label={t('appointments.wizard.confirmStep')}>
          {patient && service && provider && slot ? (
            <Stack mt="md" gap="sm">
              <Text fw={500}>
                {patient.displayName} —{' '}
                {t('appointments.wizard.summary', {
                  service: service.name,
                  provider: provider.name,
                  time: when,
                })}
              </Text>
              <Textarea
                label={t('appointments.wizard.notes')}
                value={notes}
                onChange={(e) => setNotes(e.currentTarget.value)}
                maxLength={2000}
                autosize
                minRows={2}
              />
              <Checkbox
                label={t('appointments.wizard.recurring')}
                checked={recurring}
                onChange={(e) => {
                  setRecurring(e.currentTarget.checked);
                  setChecked(null);
                }}
              />
              {recurring ? (
                <Stack gap="sm">
                  <RecurrenceFields value={recurrence} onChange={changeRecurrence} />
                  <Group>
                    <Button variant="default" onClick={checkDates} loading={preview.isPending}>
                      {t('appointments.wizard.preview')}
                    </Button>
                  </Group>
                  <FormError error={preview.error} />
                  {checked ? (
                    <SeriesPreviewTable
                      preview={checked}
                      skipConflicts={skipConflicts}
                      onSkipConflicts={setSkipConflicts}
                    />
                  ) : null}
                </Stack>
              ) : null}
              <FormError error={book.error ?? bookSeries.error} />
            </Stack>
          ) : null}
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between" mt="lg">
        <Button variant="default" onClick={() => (step === 0 ? onClose() : setStep(step - 1))}>
          {step === 0 ? t('common.cancel') : t('appointments.wizard.back')}
        </Button>
        {step < 4 ? (
          <Button onClick={() => setStep(step + 1)} disabled={!canNext}>
            {t('appointments.wizard.next')}
          </Button>
        ) : (
          <Button
            onClick={submit}
            loading={book.isPending || bookSeries.isPending}
            disabled={recurring && (checked === null || (checked.conflicts > 0 && !skipConflicts))}
          >
            {recurring ? t('appointments.wizard.bookSeries') : t('appointments.wizard.book')}
          </Button>
        )}
      </Group>
    </Modal>
  );
}
