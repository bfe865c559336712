import type { CarebaseModule } from '../../platform/modules/module.ts';
import { recordExportRoutes } from './record-export.routes.ts';

export const recordExportModule: CarebaseModule = {
  name: 'record-export',
  routes: [{ plugin: recordExportRoutes, prefix: '/api' }],
};
