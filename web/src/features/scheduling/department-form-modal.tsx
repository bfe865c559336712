import {
  type Department,
  SchedulingDepartmentKeySchema,
  TicketPrefixSchema,
  type UpdateDepartment,
} from '@carebase/contracts';
import { Button, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { fieldErrorOf, hasFieldErrorFor } from '../../lib/api.ts';
import { useSaveDepartment } from './scheduling.queries.ts';

type Values = { key: string; name: string; ticketPrefix: string; active: boolean };
const FIELDS = ['key', 'name', 'ticketPrefix', 'active'] as const;

interface Props {
  opened: boolean;
  /** null: create a new department. */
  department: Department | null;
  readOnly: boolean;
  onClose: () => void;
}

export function DepartmentFormModal({ opened, department, readOnly, onClose }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveDepartment();
  const [values, setValues] = useState<Values>({ key: '', name: '', ticketPrefix: '', active: true });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setValues({
      key: department?.key ?? '',
      name: department?.name ?? '',
      ticketPrefix: department?.ticketPrefix ?? '',
      active: department?.active ?? true,
    });
    setErrors({});
    save.reset();
  }, [opened, department]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<keyof Values, string>> = {};
    if (!department && !SchedulingDepartmentKeySchema.safeParse(values.key).success)
      found.key = t('schedules.departments.keyHint');
    if (!values.name.trim()) found.name = t('validation.required');
    if (!TicketPrefixSchema.safeParse(values.ticketPrefix).success)
      found.ticketPrefix = t('schedules.departments.prefixHint');
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    const name = values.name.trim();
    const done = (message: string) => () => {
      notify.success(message);
      onClose();
    };
    if (department) {
      const patch: UpdateDepartment = {};
      if (name !== department.name) patch.name = name;
      if (values.ticketPrefix !== department.ticketPrefix) patch.ticketPrefix = values.ticketPrefix;
      if (values.active !== department.active) patch.active = values.active;
      if (Object.keys(patch).length === 0) return onClose();
      save.mutate({ key: department.key, patch }, { onSuccess: done(t('schedules.departments.updated')) });
    } else {
      save.mutate(
        { create: { key: values.key, name, ticketPrefix: values.ticketPrefix, active: values.active } },
        { onSuccess: done(t('schedules.departments.created')) },
      );
    }
  };

  const fieldError = (field: keyof Values) => errors[field] ?? fieldErrorOf(save.error, field);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        department
          ? t('schedules.departments.editTitle', { name: department.name })
          : t('schedules.departments.createTitle')
      }
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {hasFieldErrorFor(save.error, FIELDS) ? null : <FormError error={save.error} />}
          <TextInput
            label={t('schedules.departments.key')}
            description={department ? undefined : t('schedules.departments.keyHint')}
            value={values.key}
            onChange={(e) => set('key', e.currentTarget.value.toLowerCase())}
            error={fieldError('key')}
            disabled={department !== null}
            maxLength={40}
            required
            autoComplete="off"
            spellCheck={false}
            data-autofocus={department ? undefined : true}
          />
          <TextInput
            label={t('schedules.departments.name')}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={fieldError('name')}
            maxLength={100}
            required
            disabled={readOnly}
            data-autofocus={department ? true : undefined}
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
          <Switch
            label={t('schedules.active')}
            description={t('schedules.departments.activeHint')}
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
                {department ? t('common.save') : t('common.create')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
