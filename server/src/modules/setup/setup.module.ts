import type { CarebaseModule } from '../../platform/modules/module.ts';
import { setupRoutes } from './setup.routes.ts';

export const setupModule: CarebaseModule = {
  name: 'setup',
  routes: [{ plugin: setupRoutes, prefix: '/api/setup' }],
};
