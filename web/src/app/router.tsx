import type { Permission } from '@carebase/contracts';
import type { ComponentType } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/login-page.tsx';
import { chartRoute } from '../features/chart/chart-routes.tsx';
import { CrashPage } from '../features/errors/crash-page.tsx';
import { NotFoundPage } from '../features/errors/not-found-page.tsx';
import { FullPageLoader, GuestOnly, RequireAuth, RequirePermission } from './auth-guard.tsx';
import { PublicLayout } from './public-layout.tsx';

/**
 * Loads a page's module only when it is first visited. Only the sign-in page is in the first download:
 * the app shell, the home page and every feature load once someone is signed in.
 */
function lazyPage(load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: await load() }) };
}

/** A page behind a permission: without it, a "no access" page instead (the navigation hides it too). */
function guarded(path: string, permission: Permission, load: () => Promise<ComponentType>): RouteObject {
  return {
    path,
    element: (
      <RequirePermission permission={permission}>
        <Outlet />
      </RequirePermission>
    ),
    children: [{ index: true, ...lazyPage(load) }],
  };
}

export const routes: RouteObject[] = [
  {
    errorElement: <CrashPage />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      {
        element: (
          <GuestOnly>
            <PublicLayout />
          </GuestOnly>
        ),
        children: [{ path: 'login', element: <LoginPage /> }],
      },
      {
        element: <PublicLayout />,
        children: [
          {
            path: 'forgot-password',
            ...lazyPage(() =>
              import('../features/auth/forgot-password-page.tsx').then((m) => m.ForgotPasswordPage),
            ),
          },
          {
            path: 'reset-password',
            ...lazyPage(() =>
              import('../features/auth/reset-password-page.tsx').then((m) => m.ResetPasswordPage),
            ),
          },
        ],
      },
      // A waiting-room screen: no sign-in, no app shell; its link carries a display token.
      {
        path: 'display/:department',
        ...lazyPage(() => import('../features/display/display-page.tsx').then((m) => m.DisplayPage)),
      },
      {
        path: 'change-password',
        element: (
          <RequireAuth allowDuringPasswordChange>
            <Outlet />
          </RequireAuth>
        ),
        children: [
          {
            index: true,
            ...lazyPage(() =>
              import('../features/auth/change-password-page.tsx').then((m) => m.ChangePasswordPage),
            ),
          },
        ],
      },
      {
        path: 'mfa-setup',
        element: (
          <RequireAuth allowDuringEnrollment>
            <Outlet />
          </RequireAuth>
        ),
        children: [
          {
            index: true,
            ...lazyPage(() => import('../features/auth/mfa-setup-page.tsx').then((m) => m.MfaSetupPage)),
          },
        ],
      },
      {
        element: (
          <RequireAuth>
            <Outlet />
          </RequireAuth>
        ),
        children: [
          {
            ...lazyPage(() => import('./app-layout.tsx').then((m) => m.AppLayout)),
            children: [
              {
                errorElement: <CrashPage />,
                children: [
                  {
                    index: true,
                    ...lazyPage(() => import('../features/home/home-page.tsx').then((m) => m.HomePage)),
                  },
                  {
                    path: 'profile',
                    ...lazyPage(() =>
                      import('../features/profile/profile-page.tsx').then((m) => m.ProfilePage),
                    ),
                  },
                  {
                    path: 'settings/me',
                    ...lazyPage(() =>
                      import('../features/settings/my-settings-page.tsx').then((m) => m.MySettingsPage),
                    ),
                  },
                  guarded('patients', 'patients:read', () =>
                    import('../features/patients/patients-page.tsx').then((m) => m.PatientsPage),
                  ),
                  guarded('patients/new', 'patients:write', () =>
                    import('../features/patients/patient-register-page.tsx').then(
                      (m) => m.PatientRegisterPage,
                    ),
                  ),
                  chartRoute,
                  guarded('my-record', 'portal:self', () =>
                    import('../features/patients/my-record-page.tsx').then((m) => m.MyRecordPage),
                  ),
                  guarded('certificates/inbox', 'certificates:approve', () =>
                    import('../features/certificates/inbox-page.tsx').then((m) => m.CertificatesInboxPage),
                  ),
                  guarded('calendar', 'appointments:read', () =>
                    import('../features/appointments/calendar-page.tsx').then((m) => m.CalendarPage),
                  ),
                  guarded('my-appointments', 'portal:self', () =>
                    import('../features/appointments/my-appointments-page.tsx').then(
                      (m) => m.MyAppointmentsPage,
                    ),
                  ),
                  guarded('front-desk', 'queue:read', () =>
                    import('../features/queue/front-desk-page.tsx').then((m) => m.FrontDeskPage),
                  ),
                  guarded('my-queue', 'queue:call', () =>
                    import('../features/queue/doctor-queue-page.tsx').then((m) => m.DoctorQueuePage),
                  ),
                  guarded('displays', 'displays:manage', () =>
                    import('../features/display/displays-page.tsx').then((m) => m.DisplaysPage),
                  ),
                  guarded('billing/drawer', 'invoices:write', () =>
                    import('../features/billing/cash-drawer-page.tsx').then((m) => m.CashDrawerPage),
                  ),
                  guarded('billing/price-list', 'billing:read', () =>
                    import('../features/billing/price-list-page.tsx').then((m) => m.PriceListPage),
                  ),
                  guarded('billing/cashier', 'invoices:write', () =>
                    import('../features/billing/cashier-page.tsx').then((m) => m.CashierPage),
                  ),
                  guarded('billing/invoices', 'billing:read', () =>
                    import('../features/billing/invoices-page.tsx').then((m) => m.InvoicesPage),
                  ),
                  guarded('billing/invoices/:id', 'billing:read', () =>
                    import('../features/billing/invoice-detail-page.tsx').then((m) => m.InvoiceDetailPage),
                  ),
                  guarded('billing/discounts', 'billing:read', () =>
                    import('../features/billing/discount-kinds-page.tsx').then((m) => m.DiscountKindsPage),
                  ),
                  guarded('billing/payouts', 'billing:read', () =>
                    import('../features/billing/payouts-page.tsx').then((m) => m.PayoutsPage),
                  ),
                  guarded('billing/reports', 'billing:reports', () =>
                    import('../features/billing/reports-page.tsx').then((m) => m.ReportsPage),
                  ),
                  guarded('imaging', 'imaging:read', () =>
                    import('../features/imaging/imaging-page.tsx').then((m) => m.ImagingPage),
                  ),
                  guarded('imaging/studies/:id', 'imaging:read', () =>
                    import('../features/imaging/study-detail-page.tsx').then((m) => m.StudyDetailPage),
                  ),
                  guarded('schedules', 'schedules:read', () =>
                    import('../features/scheduling/schedules-page.tsx').then((m) => m.SchedulesPage),
                  ),
                  guarded('users', 'users:read', () =>
                    import('../features/users/users-page.tsx').then((m) => m.UsersPage),
                  ),
                  guarded('roles', 'roles:read', () =>
                    import('../features/roles/roles-page.tsx').then((m) => m.RolesPage),
                  ),
                  {
                    path: 'setup/:step?',
                    element: (
                      <RequirePermission permission="settings:write">
                        <Outlet />
                      </RequirePermission>
                    ),
                    children: [
                      {
                        index: true,
                        ...lazyPage(() =>
                          import('../features/setup/setup-guide-page.tsx').then((m) => m.SetupGuidePage),
                        ),
                      },
                    ],
                  },
                  guarded('settings/clinic', 'settings:read', () =>
                    import('../features/settings/clinic-settings-page.tsx').then((m) => m.ClinicSettingsPage),
                  ),
                  guarded('audit', 'audit:read', () =>
                    import('../features/audit/audit-page.tsx').then((m) => m.AuditPage),
                  ),
                  guarded('outbox', 'outbox:read', () =>
                    import('../features/outbox/outbox-page.tsx').then((m) => m.OutboxPage),
                  ),
                  guarded('jobs', 'jobs:read', () =>
                    import('../features/jobs/jobs-page.tsx').then((m) => m.JobsPage),
                  ),
                  guarded('backups', 'backups:manage', () =>
                    import('../features/backups/backups-page.tsx').then((m) => m.BackupsPage),
                  ),
                  guarded('monitoring', 'metrics:read', () =>
                    import('../features/monitoring/monitoring-page.tsx').then((m) => m.MonitoringPage),
                  ),
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
