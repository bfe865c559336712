import type { Permission } from '@carebase/contracts';
import type { ComponentType } from 'react';
import {
  IconBook,
  IconBuilding,
  IconClock,
  IconHome,
  IconList,
  IconMail,
  IconShield,
  IconUsers,
} from '../components/icons.tsx';
import { IconAppointments, IconMyAppointments } from '../features/appointments/appointment-icons.tsx';
import { IconBackup } from '../features/backups/backup-icon.tsx';
import {
  IconCashDrawer,
  IconCashier,
  IconDiscount,
  IconPayout,
  IconReceipt,
  IconReportChart,
} from '../features/billing/billing-icons.tsx';
import { IconCertificate } from '../features/certificates/certificate-icon.tsx';
import { IconImaging } from '../features/imaging/imaging-icons.tsx';
import { IconMonitoring } from '../features/monitoring/monitoring-icon.tsx';
import { IconMyRecord, IconPatients } from '../features/patients/patient-icons.tsx';
import { IconScreen, IconStethoscope, IconTicket } from '../features/queue/queue-icons.tsx';
import { IconCalendar } from '../features/scheduling/scheduling-icons.tsx';

export type NavSection = 'main' | 'administration' | 'operations' | 'help';

export interface NavItem {
  id:
    | 'home'
    | 'patients'
    | 'myRecord'
    | 'users'
    | 'roles'
    | 'clinicSettings'
    | 'audit'
    | 'outbox'
    | 'jobs'
    | 'backups'
    | 'monitoring'
    | 'apiReference'
    | 'certificatesInbox'
    | 'frontDesk'
    | 'myQueue'
    | 'displays'
    | 'schedules'
    | 'priceList'
    | 'discountKinds'
    | 'cashier'
    | 'invoices'
    | 'cashDrawer'
    | 'payouts'
    | 'billingReports'
    | 'calendar'
    | 'myAppointments'
    | 'imaging';
  to: string;
  section: NavSection;
  /** Absent: everyone who is signed in sees the item. */
  permission?: Permission;
  /** Other sections of the app where this item is the current one. */
  alsoActiveOn?: readonly string[];
  /** Links outside the single-page app (served by the API). */
  external?: boolean;
  icon: ComponentType<{ size?: number }>;
}

/** The navigation of the app. Routes use the same permissions, so a hidden item is also a guarded page. */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'home', to: '/', section: 'main', icon: IconHome },
  { id: 'patients', to: '/patients', section: 'main', permission: 'patients:read', icon: IconPatients },
  // The patient's own chart lives at /patients/:id, which only staff reach otherwise.
  {
    id: 'myRecord',
    to: '/my-record',
    alsoActiveOn: ['/patients'],
    section: 'main',
    permission: 'portal:self',
    icon: IconMyRecord,
  },
  {
    id: 'certificatesInbox',
    to: '/certificates/inbox',
    section: 'main',
    permission: 'certificates:approve',
    icon: IconCertificate,
  },
  {
    id: 'myAppointments',
    to: '/my-appointments',
    section: 'main',
    permission: 'portal:self',
    icon: IconMyAppointments,
  },
  {
    id: 'calendar',
    to: '/calendar',
    section: 'main',
    permission: 'appointments:read',
    icon: IconAppointments,
  },
  { id: 'frontDesk', to: '/front-desk', section: 'main', permission: 'queue:read', icon: IconTicket },
  { id: 'myQueue', to: '/my-queue', section: 'main', permission: 'queue:call', icon: IconStethoscope },
  { id: 'imaging', to: '/imaging', section: 'main', permission: 'imaging:read', icon: IconImaging },
  { id: 'cashier', to: '/billing/cashier', section: 'main', permission: 'invoices:write', icon: IconCashier },
  { id: 'invoices', to: '/billing/invoices', section: 'main', permission: 'billing:read', icon: IconReceipt },
  {
    id: 'cashDrawer',
    to: '/billing/drawer',
    section: 'main',
    permission: 'invoices:write',
    icon: IconCashDrawer,
  },
  {
    id: 'schedules',
    to: '/schedules',
    section: 'administration',
    permission: 'schedules:read',
    icon: IconCalendar,
  },
  {
    id: 'priceList',
    to: '/billing/price-list',
    section: 'administration',
    permission: 'billing:read',
    icon: IconReceipt,
  },
  {
    id: 'discountKinds',
    to: '/billing/discounts',
    section: 'administration',
    permission: 'billing:read',
    icon: IconDiscount,
  },
  {
    id: 'payouts',
    to: '/billing/payouts',
    section: 'administration',
    permission: 'billing:read',
    icon: IconPayout,
  },
  {
    id: 'billingReports',
    to: '/billing/reports',
    section: 'administration',
    permission: 'billing:reports',
    icon: IconReportChart,
  },
  { id: 'users', to: '/users', section: 'administration', permission: 'users:read', icon: IconUsers },
  {
    id: 'displays',
    to: '/displays',
    section: 'administration',
    permission: 'displays:manage',
    icon: IconScreen,
  },
  { id: 'roles', to: '/roles', section: 'administration', permission: 'roles:read', icon: IconShield },
  {
    id: 'clinicSettings',
    to: '/settings/clinic',
    section: 'administration',
    permission: 'settings:read',
    icon: IconBuilding,
  },
  { id: 'audit', to: '/audit', section: 'operations', permission: 'audit:read', icon: IconList },
  { id: 'outbox', to: '/outbox', section: 'operations', permission: 'outbox:read', icon: IconMail },
  { id: 'jobs', to: '/jobs', section: 'operations', permission: 'jobs:read', icon: IconClock },
  { id: 'backups', to: '/backups', section: 'operations', permission: 'backups:manage', icon: IconBackup },
  {
    id: 'monitoring',
    to: '/monitoring',
    section: 'operations',
    permission: 'metrics:read',
    icon: IconMonitoring,
  },
  { id: 'apiReference', to: '/api/docs', section: 'help', external: true, icon: IconBook },
];

export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || permissions.includes(item.permission));
}

/** Whether the item is the current page: its address or one of its other sections, with their sub-pages. */
export function isNavItemCurrent(item: Pick<NavItem, 'to' | 'alsoActiveOn'>, pathname: string): boolean {
  return [item.to, ...(item.alsoActiveOn ?? [])].some((to) => isNavItemActive(to, pathname));
}

/** Whether the item for `to` is the current page: `/` only on itself, others also on their sub-pages. */
export function isNavItemActive(to: string, pathname: string): boolean {
  if (to === '/') return pathname === '/';
  return pathname === to || pathname.startsWith(`${to}/`);
}
