import type { CarebaseModule } from '../../platform/modules/module.ts';
import { displaysRoutes } from './displays.routes.ts';
import { queueRoutes } from './queue.routes.ts';

export const queueModule: CarebaseModule = {
  name: 'queue',
  routes: [
    { plugin: queueRoutes, prefix: '/api/queue' },
    { plugin: displaysRoutes, prefix: '/api' },
  ],
};
