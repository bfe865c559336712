import type { CarebaseModule } from '../../platform/modules/module.ts';
import { authRoutes } from './auth.routes.ts';

export const authModule: CarebaseModule = {
  name: 'auth',
  routes: [{ plugin: authRoutes, prefix: '/api/auth' }],
};
