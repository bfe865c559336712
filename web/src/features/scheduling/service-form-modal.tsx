import { SERVICE_BUFFER, SERVICE_DURATION, type Service, type UpdateService } from '@carebase/contracts';
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { fieldErrorOf, hasFieldErrorFor } from '../../lib/api.ts';
import { departmentOptions } from './department-options.ts';
import { useDepartments, useProviders, useSaveService } from './scheduling.queries.ts';

type Values = {
  name: string;
  departmentKey: string | null;
  durationMinutes: number | string;
  bufferMinutes: number | string;
  selfBookable: boolean;
  active: boolean;
  providerIds: string[];
};
const FIELDS = [
  'name',
  'departmentKey',
  'durationMinutes',
  'bufferMinutes',
  'selfBookable',
  'active',
  'providerIds',
] as const;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

const inRange = (value: number | string, range: { min: number; max: number }) =>
  typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;

interface Props {
  opened: boolean;
  /** null: create a new service. */
  service: Service | null;
  readOnly: boolean;
  onClose: () => void;
}

export function ServiceFormModal({ opened, service, readOnly, onClose }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveService();
  const departments = useDepartments();
  const providers = useProviders();
  const [values, setValues] = useState<Values>({
    name: '',
    departmentKey: null,
    durationMinutes: 15,
    bufferMinutes: 0,
    selfBookable: true,
    active: true,
    providerIds: [],
  });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setValues({
      name: service?.name ?? '',
      departmentKey: service?.departmentKey ?? null,
      durationMinutes: service?.durationMinutes ?? 15,
      bufferMinutes: service?.bufferMinutes ?? 0,
      selfBookable: service?.selfBookable ?? true,
      active: service?.active ?? true,
      providerIds: service?.providerIds ?? [],
    });
    setErrors({});
    save.reset();
  }, [opened, service]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const providerOptions = [
    ...(providers.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    // A provider who left keeps showing until removed from the service.
    ...values.providerIds
      .filter((id) => !providers.data?.some((p) => p.id === id))
      .map((id) => ({ value: id, label: t('schedules.services.unknownProvider') })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<keyof Values, string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    if (!values.departmentKey) found.departmentKey = t('validation.required');
    if (!inRange(values.durationMinutes, SERVICE_DURATION))
      found.durationMinutes = t('schedules.services.minutesRange', SERVICE_DURATION);
    if (!inRange(values.bufferMinutes, SERVICE_BUFFER))
      found.bufferMinutes = t('schedules.services.minutesRange', SERVICE_BUFFER);
    setErrors(found);
    if (Object.keys(found).length > 0 || !values.departmentKey) return;

    const fields = {
      name: values.name.trim(),
      departmentKey: values.departmentKey,
      durationMinutes: Number(values.durationMinutes),
      bufferMinutes: Number(values.bufferMinutes),
      selfBookable: values.selfBookable,
      active: values.active,
      providerIds: values.providerIds,
    };
    const done = (message: string) => () => {
      notify.success(message);
      onClose();
    };
    if (service) {
      const patch: UpdateService = {};
      if (fields.name !== service.name) patch.name = fields.name;
      if (fields.departmentKey !== service.departmentKey) patch.departmentKey = fields.departmentKey;
      if (fields.durationMinutes !== service.durationMinutes) patch.durationMinutes = fields.durationMinutes;
      if (fields.bufferMinutes !== service.bufferMinutes) patch.bufferMinutes = fields.bufferMinutes;
      if (fields.selfBookable !== service.selfBookable) patch.selfBookable = fields.selfBookable;
      if (fields.active !== service.active) patch.active = fields.active;
      if (!sameSet(fields.providerIds, service.providerIds)) patch.providerIds = fields.providerIds;
      if (Object.keys(patch).length === 0) return onClose();
      save.mutate({ id: service.id, patch }, { onSuccess: done(t('schedules.services.updated')) });
    } else {
      save.mutate({ create: fields }, { onSuccess: done(t('schedules.services.created')) });
    }
  };

  const fieldError = (field: keyof Values) => errors[field] ?? fieldErrorOf(save.error, field);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        service
          ? t('schedules.services.editTitle', { name: service.name })
          : t('schedules.services.createTitle')
      }
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {hasFieldErrorFor(save.error, FIELDS) ? null : <FormError error={save.error} />}
          <TextInput
            label={t('schedules.services.name')}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={fieldError('name')}
            maxLength={100}
            required
            disabled={readOnly}
            autoComplete="off"
            data-autofocus
          />
          <Select
            label={t('schedules.services.department')}
            data={departmentOptions(departments.data, service?.departmentKey ?? null)}
            value={values.departmentKey}
            onChange={(value) => set('departmentKey', value)}
            error={fieldError('departmentKey')}
            required
            disabled={readOnly}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('schedules.services.duration')}
              description={t('schedules.services.durationHint')}
              value={values.durationMinutes}
              onChange={(value) => set('durationMinutes', value)}
              error={fieldError('durationMinutes')}
              min={SERVICE_DURATION.min}
              max={SERVICE_DURATION.max}
              step={5}
              allowDecimal={false}
              clampBehavior="none"
              required
              disabled={readOnly}
            />
            <NumberInput
              label={t('schedules.services.buffer')}
              description={t('schedules.services.bufferHint')}
              value={values.bufferMinutes}
              onChange={(value) => set('bufferMinutes', value)}
              error={fieldError('bufferMinutes')}
              min={SERVICE_BUFFER.min}
              max={SERVICE_BUFFER.max}
              step={5}
              allowDecimal={false}
              clampBehavior="none"
              disabled={readOnly}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('schedules.services.providers')}
            description={t('schedules.services.providersHint')}
            data={providerOptions}
            value={values.providerIds}
            onChange={(ids) => set('providerIds', ids)}
            error={fieldError('providerIds')}
            searchable
            clearable
            disabled={readOnly}
            comboboxProps={{ withinPortal: true }}
          />
          <Switch
            label={t('schedules.services.selfBookable')}
            description={t('schedules.services.selfBookableHint')}
            checked={values.selfBookable}
            onChange={(e) => set('selfBookable', e.currentTarget.checked)}
            disabled={readOnly}
          />
          <Switch
            label={t('schedules.active')}
            description={t('schedules.services.activeHint')}
            checked={values.active}
            onChange={(e) => set('active', e.currentTarget.checked)}
            disabled={readOnly}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {readOnly ? t('common.close') : t('common.cancel')}
            </Button>
            {readOnly ? null : (
              <Button type="submit" loading={save.isPending}>
                {service ? t('common.save') : t('common.create')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
