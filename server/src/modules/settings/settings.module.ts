import type { CarebaseModule } from '../../platform/modules/module.ts';
import { clinicLogoRoutes } from './clinic-logo.routes.ts';
import { LOGO_BLOB_REFERENCE } from './settings.repository.ts';
import { settingsRoutes } from './settings.routes.ts';

export const settingsModule: CarebaseModule = {
  name: 'settings',
  blobReferences: [LOGO_BLOB_REFERENCE],
  routes: [
    { plugin: settingsRoutes, prefix: '/api/settings' },
    // A plugin of its own: the raw-bytes parser must not reach the JSON routes of the settings.
    { plugin: clinicLogoRoutes, prefix: '/api/settings' },
  ],
};
