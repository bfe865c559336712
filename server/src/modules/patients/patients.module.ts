import type { CarebaseModule } from '../../platform/modules/module.ts';
import { patientsRoutes } from './patients.routes.ts';

export const patientsModule: CarebaseModule = {
  name: 'patients',
  routes: [{ plugin: patientsRoutes, prefix: '/api/patients' }],
};
