import type { CarebaseModule } from '../../platform/modules/module.ts';
import { billingRoutes } from './billing.routes.ts';
import { cashDrawersRoutes } from './cash-drawers.routes.ts';
import { discountKindsRoutes } from './discount-kinds.routes.ts';
import { invoicesRoutes } from './invoices.routes.ts';
import { paymentsRoutes } from './payments.routes.ts';
import { payoutsRoutes } from './payouts.routes.ts';
import { numberReceipts } from './receipt-numbers.ts';
import { billingReportsRoutes } from './reports.routes.ts';

export const billingModule: CarebaseModule = {
  name: 'billing',
  // Receipts left unnumbered by a server that stopped between a payment's commit and its numbering.
  seed: (db) => numberReceipts(db, []),
  routes: [
    { plugin: billingRoutes, prefix: '/api/billing' },
    { plugin: discountKindsRoutes, prefix: '/api/billing' },
    { plugin: cashDrawersRoutes, prefix: '/api/billing' },
    { plugin: payoutsRoutes, prefix: '/api/billing' },
    { plugin: billingReportsRoutes, prefix: '/api/billing' },
    { plugin: invoicesRoutes, prefix: '/api/invoices' },
    { plugin: paymentsRoutes, prefix: '/api/payments' },
  ],
};
