import type { CarebaseModule } from '../../platform/modules/module.ts';
import { ATTACHMENT_BLOB_REFERENCE } from './attachments.repository.ts';
import { attachmentsRoutes } from './attachments.routes.ts';

export const attachmentsModule: CarebaseModule = {
  name: 'attachments',
  blobReferences: [ATTACHMENT_BLOB_REFERENCE],
  routes: [{ plugin: attachmentsRoutes, prefix: '/api' }],
};
