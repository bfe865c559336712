import type { CarebaseModule } from '../../platform/modules/module.ts';
import { dentalRoutes } from './dental.routes.ts';

export const dentalModule: CarebaseModule = {
  name: 'dental',
  routes: [{ plugin: dentalRoutes, prefix: '/api' }],
};
