import {
  SERVICE_BUFFER,
  SERVICE_DURATION,
  SERVICE_PRICE_MAX,
  type Service,
  type UpdateService,
} from '@carebase/contracts';
import { MultiSelect, NumberInput, type NumberInputProps, Select, SimpleGrid, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActiveSwitch } from '../../components/catalog/active-switch.tsx';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import type { EditDialogProps } from '../../components/catalog/use-edit-dialog.ts';
import { MoneyInput } from '../../components/money-input.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { NameAndDepartmentFields } from './name-and-department-fields.tsx';
import { useProviders, useSaveService } from './scheduling.queries.ts';

type Values = {
  name: string;
  departmentKey: string | null;
  durationMinutes: number | string;
  bufferMinutes: number | string;
  /** Minor units; '' when not priced. */
  priceMinor: number | '';
  selfBookable: boolean;
  modality: string | null;
  active: boolean;
  providerIds: string[];
};

/** Modalities a clinic books most; the list a service's modality is chosen from. */
const MODALITIES = ['CR', 'DX', 'CT', 'MR', 'US', 'MG', 'XA', 'RF', 'NM', 'PT', 'OT', 'IO', 'PX'] as const;
const FIELDS = [
  'name',
  'departmentKey',
  'durationMinutes',
  'bufferMinutes',
  'priceMinor',
  'selfBookable',
  'modality',
  'active',
  'providerIds',
] as const;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

const inRange = (value: number | string, range: { min: number; max: number }) =>
  typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;

/** Whole minutes in steps of 5; out-of-range values stay as typed so the form can point them out. */
function MinutesInput({ range, ...input }: NumberInputProps & { range: { min: number; max: number } }) {
  return (
    <NumberInput
      min={range.min}
      max={range.max}
      step={5}
      allowDecimal={false}
      clampBehavior="none"
      {...input}
    />
  );
}

export function ServiceFormModal(props: EditDialogProps<Service>) {
  const { item: service, readOnly, onClose } = props;
  const { t } = useTranslation();
  const save = useSaveService();
  const format = useFormatters();
  const { currency } = format;
  const providers = useProviders();
  const form = useDialogForm<Values>(props, save, () => ({
    name: service?.name ?? '',
    departmentKey: service?.departmentKey ?? null,
    durationMinutes: service?.durationMinutes ?? 15,
    bufferMinutes: service?.bufferMinutes ?? 0,
    priceMinor: service?.priceMinor ?? '',
    selfBookable: service?.selfBookable ?? true,
    modality: service?.modality ?? null,
    active: service?.active ?? true,
    providerIds: service?.providerIds ?? [],
  }));
  const { values, set, fieldError } = form;

  const minutes = (field: 'durationMinutes' | 'bufferMinutes') => ({
    value: values[field],
    onChange: (value: number | string) => set(field, value),
    error: fieldError(field),
    disabled: readOnly,
  });

  const providerOptions = [
    ...(providers.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    // A provider who left keeps showing until removed from the service.
    ...values.providerIds
      .filter((id) => !providers.data?.some((p) => p.id === id))
      .map((id) => ({ value: id, label: t('schedules.services.unknownProvider') })),
  ];

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    if (!values.departmentKey) found.departmentKey = t('validation.required');
    if (!inRange(values.durationMinutes, SERVICE_DURATION))
      found.durationMinutes = t('schedules.services.minutesRange', SERVICE_DURATION);
    if (!inRange(values.bufferMinutes, SERVICE_BUFFER))
      found.bufferMinutes = t('schedules.services.minutesRange', SERVICE_BUFFER);
    const priceMinor = values.priceMinor === '' ? null : values.priceMinor;
    if (priceMinor !== null && priceMinor > SERVICE_PRICE_MAX)
      found.priceMinor = t('schedules.services.priceRange', { max: format.money(SERVICE_PRICE_MAX) });
    if (!form.check(found) || !values.departmentKey) return;

    const fields = {
      name: values.name.trim(),
      departmentKey: values.departmentKey,
      durationMinutes: Number(values.durationMinutes),
      bufferMinutes: Number(values.bufferMinutes),
      priceMinor,
      selfBookable: values.selfBookable,
      modality: values.modality,
      active: values.active,
      providerIds: values.providerIds,
    };
    if (service) {
      const patch: UpdateService = {};
      if (fields.name !== service.name) patch.name = fields.name;
      if (fields.departmentKey !== service.departmentKey) patch.departmentKey = fields.departmentKey;
      if (fields.durationMinutes !== service.durationMinutes) patch.durationMinutes = fields.durationMinutes;
      if (fields.bufferMinutes !== service.bufferMinutes) patch.bufferMinutes = fields.bufferMinutes;
      if (fields.priceMinor !== service.priceMinor) patch.priceMinor = fields.priceMinor;
      if (fields.selfBookable !== service.selfBookable) patch.selfBookable = fields.selfBookable;
      if (fields.modality !== service.modality) patch.modality = fields.modality;
      if (fields.active !== service.active) patch.active = fields.active;
      if (!sameSet(fields.providerIds, service.providerIds)) patch.providerIds = fields.providerIds;
      if (Object.keys(patch).length === 0) return onClose();
      save.mutate({ id: service.id, patch }, { onSuccess: form.savedWith(t('schedules.services.updated')) });
    } else {
      save.mutate({ create: fields }, { onSuccess: form.savedWith(t('schedules.services.created')) });
    }
  };

  return (
    <FormDialog
      {...form.dialog}
      title={
        service
          ? t('schedules.services.editTitle', { name: service.name })
          : t('schedules.services.createTitle')
      }
      size="lg"
      fields={FIELDS}
      onSubmit={submit}
    >
      <NameAndDepartmentFields
        form={form}
        labels={{ name: t('schedules.services.name'), department: t('schedules.services.department') }}
        savedDepartment={service?.departmentKey ?? null}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MinutesInput
          label={t('schedules.services.duration')}
          description={t('schedules.services.durationHint')}
          range={SERVICE_DURATION}
          required
          {...minutes('durationMinutes')}
        />
        <MinutesInput
          label={t('schedules.services.buffer')}
          description={t('schedules.services.bufferHint')}
          range={SERVICE_BUFFER}
          {...minutes('bufferMinutes')}
        />
      </SimpleGrid>
      <MoneyInput
        label={t('schedules.services.price', { currency })}
        description={t('schedules.services.priceHint')}
        value={values.priceMinor}
        onChange={(value) => set('priceMinor', value)}
        error={fieldError('priceMinor')}
        disabled={readOnly}
        maw={240}
      />
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
      <Select
        label={t('schedules.services.modality')}
        description={t('schedules.services.modalityHint')}
        placeholder={t('schedules.services.noModality')}
        data={MODALITIES.map((m) => ({ value: m, label: m }))}
        value={values.modality}
        onChange={(value) => set('modality', value)}
        error={fieldError('modality')}
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
      <ActiveSwitch
        description={t('schedules.services.activeHint')}
        checked={values.active}
        onChange={(active) => set('active', active)}
        disabled={readOnly}
      />
    </FormDialog>
  );
}
