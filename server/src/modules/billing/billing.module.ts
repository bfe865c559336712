import type { CarebaseModule } from '../../platform/modules/module.ts';
import { billingRoutes } from './billing.routes.ts';
import { discountKindsRoutes } from './discount-kinds.routes.ts';
import { invoicesRoutes } from './invoices.routes.ts';
import { paymentsRoutes } from './payments.routes.ts';
import { billingReportsRoutes } from './reports.routes.ts';

export const billingModule: CarebaseModule = {
  name: 'billing',
  routes: [
    { plugin: billingRoutes, prefix: '/api/billing' },
    { plugin: discountKindsRoutes, prefix: '/api/billing' },
    { plugin: billingReportsRoutes, prefix: '/api/billing' },
    { plugin: invoicesRoutes, prefix: '/api/invoices' },
    { plugin: paymentsRoutes, prefix: '/api/payments' },
  ],
};
