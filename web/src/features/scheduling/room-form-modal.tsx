import type { Room, UpdateRoom } from '@carebase/contracts';
import { useTranslation } from 'react-i18next';
import { ActiveSwitch } from '../../components/catalog/active-switch.tsx';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import type { EditDialogProps } from '../../components/catalog/use-edit-dialog.ts';
import { NameAndDepartmentFields } from './name-and-department-fields.tsx';
import { useSaveRoom } from './scheduling.queries.ts';

type Values = { name: string; departmentKey: string | null; active: boolean };
const FIELDS = ['name', 'departmentKey', 'active'] as const;

export function RoomFormModal(props: EditDialogProps<Room>) {
  const { item: room, onClose } = props;
  const { t } = useTranslation();
  const save = useSaveRoom();
  const form = useDialogForm<Values>(props, save, () => ({
    name: room?.name ?? '',
    departmentKey: room?.departmentKey ?? null,
    active: room?.active ?? true,
  }));
  const { values } = form;

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    if (!values.departmentKey) found.departmentKey = t('validation.required');
    if (!form.check(found) || !values.departmentKey) return;

    const name = values.name.trim();
    if (room) {
      const patch: UpdateRoom = {};
      if (name !== room.name) patch.name = name;
      if (values.departmentKey !== room.departmentKey) patch.departmentKey = values.departmentKey;
      if (values.active !== room.active) patch.active = values.active;
      if (Object.keys(patch).length === 0) return onClose();
      save.mutate({ id: room.id, patch }, { onSuccess: form.savedWith(t('schedules.rooms.updated')) });
    } else {
      save.mutate(
        { create: { name, departmentKey: values.departmentKey, active: values.active } },
        { onSuccess: form.savedWith(t('schedules.rooms.created')) },
      );
    }
  };

  return (
    <FormDialog
      {...form.dialog}
      title={room ? t('schedules.rooms.editTitle', { name: room.name }) : t('schedules.rooms.createTitle')}
      fields={FIELDS}
      onSubmit={submit}
    >
      <NameAndDepartmentFields
        form={form}
        labels={{ name: t('schedules.rooms.name'), department: t('schedules.rooms.department') }}
        savedDepartment={room?.departmentKey ?? null}
      />
      <ActiveSwitch
        description={t('schedules.rooms.activeHint')}
        checked={values.active}
        onChange={(active) => form.set('active', active)}
        disabled={props.readOnly}
      />
    </FormDialog>
  );
}
