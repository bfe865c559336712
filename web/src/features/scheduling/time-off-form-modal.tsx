import { TIME_OFF_KINDS, type TimeOffKind } from '@carebase/contracts';
import {
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import { useFieldErrorText } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useCreateTimeOff, useProviders } from './scheduling.queries.ts';
import { timeOffInstants, todayIn } from './time-off-model.ts';
import { useTimeOffKindLabel } from './use-time-off-kind-label.ts';

type Values = {
  scope: 'provider' | 'clinic';
  providerId: string | null;
  kind: TimeOffKind;
  allDay: boolean;
  startDate: string;
  endDate: string;
  startsAt: string;
  endsAt: string;
  reason: string;
};
type ErrorField = 'providerId' | 'kind' | 'start' | 'end' | 'reason';
/** What the server calls each field errors are shown for. */
const SERVER_FIELD: Record<ErrorField, string> = {
  providerId: 'providerId',
  kind: 'kind',
  start: 'startsAt',
  end: 'endsAt',
  reason: 'reason',
};
const SERVER_FIELDS = Object.values(SERVER_FIELD);

export function TimeOffFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const format = useFormatters();
  const timeZone = format.context.timeZone;
  const kindLabel = useTimeOffKindLabel();
  const providers = useProviders();
  const create = useCreateTimeOff();
  const form = useDialogForm<Values, ErrorField>(
    { opened, item: null, readOnly: false, onClose },
    create,
    () => {
      const today = todayIn(timeZone);
      return {
        scope: 'provider',
        providerId: null,
        kind: 'leave',
        allDay: true,
        startDate: today,
        endDate: today,
        startsAt: `${today}T09:00`,
        endsAt: `${today}T13:00`,
        reason: '',
      };
    },
  );
  const { values, set } = form;

  const submit = () => {
    const { startsAt, endsAt } = timeOffInstants(
      values.allDay
        ? { allDay: true, startDate: values.startDate, endDate: values.endDate }
        : { allDay: false, startsAt: values.startsAt, endsAt: values.endsAt },
      timeZone,
    );
    const found: Partial<Record<ErrorField, string>> = {};
    if (values.scope === 'provider' && !values.providerId) found.providerId = t('validation.required');
    if (!startsAt) found.start = t('validation.required');
    if (!endsAt) found.end = t('validation.required');
    else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt))
      found.end = t('schedules.timeOff.endBeforeStart');
    if (!form.check(found) || !startsAt || !endsAt) return;
    create.mutate(
      {
        providerId: values.scope === 'provider' ? values.providerId : null,
        kind: values.kind,
        startsAt,
        endsAt,
        reason: values.reason.trim(),
      },
      { onSuccess: form.savedWith(t('schedules.timeOff.created')) },
    );
  };

  const fieldError = (field: ErrorField) =>
    form.errors[field] ?? serverError(create.error, SERVER_FIELD[field]);
  // Whole days are picked as dates, anything shorter as date and time.
  const range = values.allDay
    ? ({ start: 'startDate', end: 'endDate', type: 'date' } as const)
    : ({ start: 'startsAt', end: 'endsAt', type: 'datetime-local' } as const);

  return (
    <FormDialog
      {...form.dialog}
      title={t('schedules.timeOff.addTitle')}
      size="lg"
      fields={SERVER_FIELDS}
      submitLabel={t('schedules.timeOff.add')}
      onSubmit={submit}
    >
      <Stack gap={4}>
        <Text size="sm" fw={500} id="time-off-scope">
          {t('schedules.timeOff.scope')}
        </Text>
        <SegmentedControl
          aria-labelledby="time-off-scope"
          data={[
            { value: 'provider', label: t('schedules.timeOff.scopeProvider') },
            { value: 'clinic', label: t('schedules.timeOff.wholeClinic') },
          ]}
          value={values.scope}
          onChange={(scope) => set('scope', scope as Values['scope'])}
        />
      </Stack>
      {values.scope === 'provider' ? (
        <Select
          label={t('schedules.timeOff.provider')}
          data={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={values.providerId}
          onChange={(id) => set('providerId', id)}
          error={fieldError('providerId')}
          searchable
          required
          data-autofocus
          comboboxProps={{ withinPortal: true }}
        />
      ) : null}
      <Select
        label={t('schedules.timeOff.kind')}
        data={TIME_OFF_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
        value={values.kind}
        onChange={(kind) => kind && set('kind', kind as TimeOffKind)}
        error={fieldError('kind')}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Switch
        label={t('schedules.timeOff.allDay')}
        description={t('schedules.timeOff.allDayHint', { timeZone })}
        checked={values.allDay}
        onChange={(e) => set('allDay', e.currentTarget.checked)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={values.allDay ? t('schedules.timeOff.startDate') : t('schedules.timeOff.startsAt')}
          type={range.type}
          value={values[range.start]}
          onChange={(e) => set(range.start, e.currentTarget.value)}
          error={fieldError('start')}
          required
        />
        <TextInput
          label={values.allDay ? t('schedules.timeOff.endDate') : t('schedules.timeOff.endsAt')}
          description={values.allDay ? t('schedules.timeOff.endDateHint') : undefined}
          type={range.type}
          value={values[range.end]}
          onChange={(e) => set(range.end, e.currentTarget.value)}
          error={fieldError('end')}
          required
        />
      </SimpleGrid>
      <Textarea
        label={t('schedules.timeOff.reason')}
        value={values.reason}
        onChange={(e) => set('reason', e.currentTarget.value)}
        error={fieldError('reason')}
        maxLength={500}
        autosize
        minRows={2}
      />
    </FormDialog>
  );
}
