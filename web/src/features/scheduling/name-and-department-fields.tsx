import { TextInput } from '@mantine/core';
import { DepartmentSelect } from './department-select.tsx';

/** The part of a dialog form (see useDialogForm) these fields read and write. */
interface NameAndDepartmentForm {
  values: { name: string; departmentKey: string | null };
  set(key: 'name', value: string): void;
  set(key: 'departmentKey', value: string | null): void;
  fieldError(field: 'name' | 'departmentKey'): string | undefined;
  dialog: { readOnly: boolean };
}

interface NameAndDepartmentFieldsProps {
  form: NameAndDepartmentForm;
  labels: { name: string; department: string };
  /** The department saved on the item, kept in the list even when no longer active. */
  savedDepartment: string | null;
}

/** The name and department that rooms and services both start their forms with. */
export function NameAndDepartmentFields({ form, labels, savedDepartment }: NameAndDepartmentFieldsProps) {
  const { values, set, fieldError, dialog } = form;
  return (
    <>
      <TextInput
        label={labels.name}
        value={values.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={fieldError('name')}
        maxLength={100}
        required
        disabled={dialog.readOnly}
        autoComplete="off"
        data-autofocus
      />
      <DepartmentSelect
        label={labels.department}
        saved={savedDepartment}
        value={values.departmentKey}
        onChange={(value) => set('departmentKey', value)}
        error={fieldError('departmentKey')}
        disabled={dialog.readOnly}
      />
    </>
  );
}
