import type { Department } from '@carebase/contracts';
import { Select } from '@mantine/core';
import { useDepartments } from './scheduling.queries.ts';

/** Select options: active departments, plus the current one even when it is no longer active. */
export function departmentOptions(departments: readonly Department[] | undefined, current: string | null) {
  return (departments ?? [])
    .filter((d) => d.active || d.key === current)
    .map((d) => ({ value: d.key, label: d.name }));
}

interface DepartmentSelectProps {
  label: string;
  /** The department saved on the item, kept in the list even when no longer active. */
  saved: string | null;
  value: string | null;
  onChange: (key: string | null) => void;
  error: string | undefined;
  disabled: boolean;
}

/** The required choice of the department something belongs to. */
export function DepartmentSelect({ label, saved, value, onChange, error, disabled }: DepartmentSelectProps) {
  const departments = useDepartments();
  return (
    <Select
      label={label}
      data={departmentOptions(departments.data, saved)}
      value={value}
      onChange={onChange}
      error={error}
      required
      disabled={disabled}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
