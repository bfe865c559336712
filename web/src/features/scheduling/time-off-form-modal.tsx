import { TIME_OFF_KINDS, type TimeOffKind } from '@carebase/contracts';
import {
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { fieldErrorOf, hasFieldErrorFor } from '../../lib/api.ts';
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
const SERVER_FIELDS = ['providerId', 'kind', 'startsAt', 'endsAt', 'reason'] as const;

export function TimeOffFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const timeZone = format.context.timeZone;
  const kindLabel = useTimeOffKindLabel();
  const providers = useProviders();
  const create = useCreateTimeOff();
  const blank = (): Values => {
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
  };
  const [values, setValues] = useState<Values>(blank);
  const [errors, setErrors] = useState<Partial<Record<ErrorField, string>>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setValues(blank());
    setErrors({});
    create.reset();
  }, [opened]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
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
    setErrors(found);
    if (Object.keys(found).length > 0 || !startsAt || !endsAt) return;
    create.mutate(
      {
        providerId: values.scope === 'provider' ? values.providerId : null,
        kind: values.kind,
        startsAt,
        endsAt,
        reason: values.reason.trim(),
      },
      {
        onSuccess: () => {
          notify.success(t('schedules.timeOff.created'));
          onClose();
        },
      },
    );
  };

  const fieldError = (field: ErrorField) => {
    const server = {
      providerId: 'providerId',
      kind: 'kind',
      start: 'startsAt',
      end: 'endsAt',
      reason: 'reason',
    }[field];
    return errors[field] ?? fieldErrorOf(create.error, server);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('schedules.timeOff.addTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {hasFieldErrorFor(create.error, SERVER_FIELDS) ? null : <FormError error={create.error} />}
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
          {values.allDay ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('schedules.timeOff.startDate')}
                type="date"
                value={values.startDate}
                onChange={(e) => set('startDate', e.currentTarget.value)}
                error={fieldError('start')}
                required
              />
              <TextInput
                label={t('schedules.timeOff.endDate')}
                description={t('schedules.timeOff.endDateHint')}
                type="date"
                value={values.endDate}
                onChange={(e) => set('endDate', e.currentTarget.value)}
                error={fieldError('end')}
                required
              />
            </SimpleGrid>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('schedules.timeOff.startsAt')}
                type="datetime-local"
                value={values.startsAt}
                onChange={(e) => set('startsAt', e.currentTarget.value)}
                error={fieldError('start')}
                required
              />
              <TextInput
                label={t('schedules.timeOff.endsAt')}
                type="datetime-local"
                value={values.endsAt}
                onChange={(e) => set('endsAt', e.currentTarget.value)}
                error={fieldError('end')}
                required
              />
            </SimpleGrid>
          )}
          <Textarea
            label={t('schedules.timeOff.reason')}
            value={values.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={fieldError('reason')}
            maxLength={500}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('schedules.timeOff.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
