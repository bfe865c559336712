import type { CarebaseModule } from '../../platform/modules/module.ts';
import { certificatesRoutes } from './certificates.routes.ts';
import { verifyRoutes } from './verify.routes.ts';

export const certificatesModule: CarebaseModule = {
  name: 'certificates',
  routes: [
    { plugin: certificatesRoutes, prefix: '/api' },
    { plugin: verifyRoutes, prefix: '' },
  ],
};
