import type { CarebaseModule } from '../../platform/modules/module.ts';
import { billingRoutes } from './billing.routes.ts';

export const billingModule: CarebaseModule = {
  name: 'billing',
  routes: [{ plugin: billingRoutes, prefix: '/api/billing' }],
};
