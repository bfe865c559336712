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
  'alerts:manage',
  'backups:manage',
  'tokens:create',
  'patients:read',
  'patients:write',
  'patients:merge',
  'chart:read',
  'chart:write',
  'encounters:sign',
  'prescriptions:write',
  'dental:write',
  'certificates:read',
  'certificates:draft',
  'certificates:approve',
  'icd10:manage',
  'schedules:read',
  'schedules:write',
  'appointments:read',
  'appointments:write',
  'queue:read',
  'queue:write',
  'queue:call',
  'displays:manage',
  'billing:read',
  'pricelist:write',
  'discounts:write',
  'invoices:write',
  'invoices:void',
  'refunds:write',
  'drawers:reopen',
  'payouts:write',
  'billing:reports',
  'earnings:self',
  'imaging:read',
  'imaging:store',
  'imaging:reconcile',
  'imaging:delete',
  'imaging:admin',
  'portal:self',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * Who may call a route: a permission, any one of several permissions (a list), anyone ('public'), or any
 * signed-in account ('authenticated'). Rules finer than that (a patient sees only their own record) live in services.
 */
export type RouteAccess = Permission | readonly Permission[] | 'public' | 'authenticated';

export const BUILT_IN_ROLES = [
  'admin',
  'receptionist',
  'doctor',
  'nurse',
  'dentist',
  'radiologist',
  'pharmacist',
  'accountant',
  'cashier',
  'patient',
] as const;

export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const staff: Permission[] = ['tokens:create', 'patients:read'];
const frontDesk: Permission[] = ['schedules:read', 'appointments:read', 'queue:read'];
const clinician: Permission[] = [
  ...staff,
  ...frontDesk,
  'patients:write',
  'chart:read',
  'chart:write',
  'certificates:read',
  'certificates:draft',
  'queue:write',
];
const prescriber: Permission[] = [
  ...clinician,
  'imaging:read',
  'imaging:store',
  'encounters:sign',
  'prescriptions:write',
  'appointments:write',
  'queue:call',
  'earnings:self',
];

/** Receptionists see demographics but not the chart; clinical roles see the chart; patients only themselves. */
export const BUILT_IN_ROLE_PERMISSIONS: Record<BuiltInRole, readonly Permission[]> = {
  admin: PERMISSIONS.filter((p) => p !== 'portal:self'),
  receptionist: [
    ...staff,
    ...frontDesk,
    'patients:write',
    'certificates:read',
    'certificates:draft',
    'appointments:write',
    'queue:write',
    'billing:read',
    'invoices:write',
  ],
  doctor: [...prescriber, 'certificates:approve'],
  nurse: [...clinician, 'imaging:read'],
  dentist: [...prescriber, 'dental:write'],
  radiologist: [
    ...staff,
    ...frontDesk,
    'chart:read',
    'queue:call',
    'imaging:read',
    'imaging:store',
    'imaging:reconcile',
  ],
  pharmacist: [...staff, 'chart:read'],
  accountant: [
    ...staff,
    'appointments:read',
    'schedules:read',
    'billing:read',
    'pricelist:write',
    'discounts:write',
    'invoices:write',
    'invoices:void',
    'refunds:write',
    'drawers:reopen',
    'payouts:write',
    'billing:reports',
  ],
  cashier: [...staff, ...frontDesk, 'billing:read', 'invoices:write'],
  patient: ['portal:self'],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
