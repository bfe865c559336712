/** Every permission is declared here, once. Routes, roles and the web navigation all read this list. */
export const PERMISSIONS = [
  'users:read',
  'users:write',
  'roles:read',
  'roles:write',
  'settings:read',
  'settings:write',
  'audit:read',
  'outbox:read',
  'jobs:read',
  'jobs:write',
  'metrics:read',
  'tokens:create',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Route access that is not a permission: open to anyone, or to any signed-in account. */
export type RouteAccess = Permission | 'public' | 'authenticated';

export const BUILT_IN_ROLES = [
  'admin',
  'receptionist',
  'doctor',
  'nurse',
  'dentist',
  'radiologist',
  'pharmacist',
  'accountant',
  'patient',
] as const;

export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const staff: Permission[] = ['tokens:create'];

export const BUILT_IN_ROLE_PERMISSIONS: Record<BuiltInRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  receptionist: staff,
  doctor: staff,
  nurse: staff,
  dentist: staff,
  radiologist: staff,
  pharmacist: staff,
  accountant: staff,
  patient: [],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
