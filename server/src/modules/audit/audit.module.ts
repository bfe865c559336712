import type { CarebaseModule } from '../../platform/modules/module.ts';
import { auditRoutes } from './audit.routes.ts';

export const auditModule: CarebaseModule = {
  name: 'audit',
  routes: [{ plugin: auditRoutes, prefix: '/api/audit' }],
};
