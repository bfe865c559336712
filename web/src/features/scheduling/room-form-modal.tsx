import type { Room, UpdateRoom } from '@carebase/contracts';
import { Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { fieldErrorOf, hasFieldErrorFor } from '../../lib/api.ts';
import { departmentOptions } from './department-options.ts';
import { useDepartments, useSaveRoom } from './scheduling.queries.ts';

type Values = { name: string; departmentKey: string | null; active: boolean };
const FIELDS = ['name', 'departmentKey', 'active'] as const;

interface Props {
  opened: boolean;
  /** null: create a new room. */
  room: Room | null;
  readOnly: boolean;
  onClose: () => void;
}

export function RoomFormModal({ opened, room, readOnly, onClose }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveRoom();
  const departments = useDepartments();
  const [values, setValues] = useState<Values>({ name: '', departmentKey: null, active: true });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setValues({
      name: room?.name ?? '',
      departmentKey: room?.departmentKey ?? null,
      active: room?.active ?? true,
    });
    setErrors({});
    save.reset();
  }, [opened, room]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<keyof Values, string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    if (!values.departmentKey) found.departmentKey = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length > 0 || !values.departmentKey) return;

    const name = values.name.trim();
    const done = (message: string) => () => {
      notify.success(message);
      onClose();
    };
    if (room) {
      const patch: UpdateRoom = {};
      if (name !== room.name) patch.name = name;
      if (values.departmentKey !== room.departmentKey) patch.departmentKey = values.departmentKey;
      if (values.active !== room.active) patch.active = values.active;
      if (Object.keys(patch).length === 0) return onClose();
      save.mutate({ id: room.id, patch }, { onSuccess: done(t('schedules.rooms.updated')) });
    } else {
      save.mutate(
        { create: { name, departmentKey: values.departmentKey, active: values.active } },
        { onSuccess: done(t('schedules.rooms.created')) },
      );
    }
  };

  const fieldError = (field: keyof Values) => errors[field] ?? fieldErrorOf(save.error, field);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={room ? t('schedules.rooms.editTitle', { name: room.name }) : t('schedules.rooms.createTitle')}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {hasFieldErrorFor(save.error, FIELDS) ? null : <FormError error={save.error} />}
          <TextInput
            label={t('schedules.rooms.name')}
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
            label={t('schedules.rooms.department')}
            data={departmentOptions(departments.data, room?.departmentKey ?? null)}
            value={values.departmentKey}
            onChange={(value) => set('departmentKey', value)}
            error={fieldError('departmentKey')}
            required
            disabled={readOnly}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Switch
            label={t('schedules.active')}
            description={t('schedules.rooms.activeHint')}
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
                {room ? t('common.save') : t('common.create')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
