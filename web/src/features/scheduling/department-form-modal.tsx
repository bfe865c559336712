import {
  type Department,
  SchedulingDepartmentKeySchema,
  TicketPrefixSchema,
  type UpdateDepartment,
} from '@carebase/contracts';
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActiveSwitch } from '../../components/catalog/active-switch.tsx';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import type { EditDialogProps } from '../../components/catalog/use-edit-dialog.ts';
import { KeyAndNameFields } from '../../components/key-and-name-fields.tsx';
import { useSaveDepartment } from './scheduling.queries.ts';

type Values = { key: string; name: string; ticketPrefix: string; active: boolean };
const FIELDS = ['key', 'name', 'ticketPrefix', 'active'] as const;

export function DepartmentFormModal(props: EditDialogProps<Department>) {
  const { item: department, readOnly, onClose } = props;
  const { t } = useTranslation();
  const save = useSaveDepartment();
  const form = useDialogForm<Values>(props, save, () => ({
    key: department?.key ?? '',
    name: department?.name ?? '',
    ticketPrefix: department?.ticketPrefix ?? '',
    active: department?.active ?? true,
  }));
  const { values, set, fieldError } = form;

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    if (!department && !SchedulingDepartmentKeySchema.safeParse(values.key).success)
      found.key = t('schedules.departments.keyHint');
    if (!values.name.trim()) found.name = t('validation.required');
    if (!TicketPrefixSchema.safeParse(values.ticketPrefix).success)
      found.ticketPrefix = t('schedules.departments.prefixHint');
    if (!form.check(found)) return;

    const name = values.name.trim();
    if (department) {
      const patch: UpdateDepartment = {};
      if (name !== department.name) patch.name = name;
      if (values.ticketPrefix !== department.ticketPrefix) patch.ticketPrefix = values.ticketPrefix;
      if (values.active !== department.active) patch.active = values.active;
      if (Object.keys(patch).length === 0) return onClose();
      save.mutate(
        { key: department.key, patch },
        { onSuccess: form.savedWith(t('schedules.departments.updated')) },
      );
    } else {
      save.mutate(
        { create: { key: values.key, name, ticketPrefix: values.ticketPrefix, active: values.active } },
        { onSuccess: form.savedWith(t('schedules.departments.created')) },
      );
    }
  };

  return (
    <FormDialog
      {...form.dialog}
      title={
        department
          ? t('schedules.departments.editTitle', { name: department.name })
          : t('schedules.departments.createTitle')
      }
      fields={FIELDS}
      onSubmit={submit}
    >
      <KeyAndNameFields
        form={form}
        labels={{
          key: t('schedules.departments.key'),
          keyHint: t('schedules.departments.keyHint'),
          name: t('schedules.departments.name'),
        }}
        isNew={department === null}
        readOnly={readOnly}
      />
      <TextInput
        label={t('schedules.departments.prefix')}
        description={t('schedules.departments.prefixHint')}
        value={values.ticketPrefix}
        onChange={(e) => set('ticketPrefix', e.currentTarget.value.toUpperCase())}
        error={fieldError('ticketPrefix')}
        maxLength={2}
        required
        disabled={readOnly}
        autoComplete="off"
      />
      <ActiveSwitch
        description={t('schedules.departments.activeHint')}
        checked={values.active}
        onChange={(active) => set('active', active)}
        disabled={readOnly}
      />
    </FormDialog>
  );
}
