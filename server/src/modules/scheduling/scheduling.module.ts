import type { CarebaseModule } from '../../platform/modules/module.ts';
import { schedulingRoutes } from './scheduling.routes.ts';

export const schedulingModule: CarebaseModule = {
  name: 'scheduling',
  routes: [{ plugin: schedulingRoutes, prefix: '/api' }],
};
