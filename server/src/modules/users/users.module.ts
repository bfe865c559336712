import type { CarebaseModule } from '../../platform/modules/module.ts';
import { usersRoutes } from './users.routes.ts';

export const usersModule: CarebaseModule = {
  name: 'users',
  routes: [{ plugin: usersRoutes, prefix: '/api/users' }],
};
