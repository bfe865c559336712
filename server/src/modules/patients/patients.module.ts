import type { CarebaseModule } from '../../platform/modules/module.ts';
import { PHOTO_BLOB_REFERENCE } from './patients.repository.ts';
import { patientsRoutes } from './patients.routes.ts';

export const patientsModule: CarebaseModule = {
  name: 'patients',
  blobReferences: [PHOTO_BLOB_REFERENCE],
  routes: [{ plugin: patientsRoutes, prefix: '/api/patients' }],
};
