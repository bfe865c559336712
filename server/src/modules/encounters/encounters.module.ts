import type { CarebaseModule } from '../../platform/modules/module.ts';
import { encountersRoutes } from './encounters.routes.ts';

export const encountersModule: CarebaseModule = {
  name: 'encounters',
  routes: [{ plugin: encountersRoutes, prefix: '/api' }],
};
