import type { CarebaseModule } from '../../platform/modules/module.ts';
import { dicomwebRoutes } from './dicomweb.routes.ts';
import { dimseListener } from './dimse-listener.ts';
import { IMAGING_BLOB_REFERENCES } from './imaging.repository.ts';
import { imagingRoutes } from './imaging.routes.ts';
import { orthancRoutes } from './orthanc/orthanc.routes.ts';
import { scheduleOrthancSync } from './orthanc/orthanc-sync.ts';

export const imagingModule: CarebaseModule = {
  name: 'imaging',
  blobReferences: IMAGING_BLOB_REFERENCES,
  services: dimseListener,
  routes: [
    { plugin: dicomwebRoutes, prefix: '/dicom-web' },
    { plugin: imagingRoutes, prefix: '/api' },
    { plugin: orthancRoutes, prefix: '/api' },
  ],
  jobs: scheduleOrthancSync,
};
