import { hasBuiltInName } from '@carebase/contracts';
import type { TFunction } from 'i18next';

/** A department with its built-in name (General medicine, Dental) in the reader's language; others as typed. */
export function localDepartment<T extends { key: string; name: string }>(department: T, t: TFunction): T {
  return hasBuiltInName(department)
    ? { ...department, name: t(`referenceNames.departments.${department.key}`) }
    : department;
}
