import type { CarebaseModule } from '../../platform/modules/module.ts';
import { scheduleBackups } from './backup-schedule.ts';
import { backupsRoutes } from './backups.routes.ts';
import { monitoringRoutes } from './monitoring.routes.ts';
import { monitoringHealthRoutes } from './monitoring-health.routes.ts';
import { scheduleMonitoring } from './monitoring-schedule.ts';
import { operationsRoutes } from './operations.routes.ts';

export const operationsModule: CarebaseModule = {
  name: 'operations',
  jobs: (ctx) => {
    scheduleBackups(ctx);
    scheduleMonitoring(ctx);
  },
  routes: [
    { plugin: operationsRoutes, prefix: '/api' },
    { plugin: backupsRoutes, prefix: '/api' },
    { plugin: monitoringRoutes, prefix: '/api' },
    { plugin: monitoringHealthRoutes, prefix: '/api' },
  ],
};
