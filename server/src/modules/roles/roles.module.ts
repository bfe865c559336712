import type { CarebaseModule } from '../../platform/modules/module.ts';
import { rolesRoutes } from './roles.routes.ts';
import { ensureBuiltInRoles } from './roles.service.ts';

export const rolesModule: CarebaseModule = {
  name: 'roles',
  seed: ensureBuiltInRoles,
  routes: [{ plugin: rolesRoutes, prefix: '/api/roles' }],
};
