import type { CarebaseModule } from '../../platform/modules/module.ts';
import { attachmentsRoutes } from './attachments.routes.ts';

export const attachmentsModule: CarebaseModule = {
  name: 'attachments',
  routes: [{ plugin: attachmentsRoutes, prefix: '/api' }],
};
