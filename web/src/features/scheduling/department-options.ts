import type { Department } from '@carebase/contracts';

/** Select options: active departments, plus the current one even when it is no longer active. */
export function departmentOptions(departments: readonly Department[] | undefined, current: string | null) {
  return (departments ?? [])
    .filter((d) => d.active || d.key === current)
    .map((d) => ({ value: d.key, label: d.name }));
}
