import type { CarebaseModule } from '../../platform/modules/module.ts';
import { vitalsRoutes } from './vitals.routes.ts';

export const vitalsModule: CarebaseModule = {
  name: 'vitals',
  routes: [{ plugin: vitalsRoutes, prefix: '/api' }],
};
