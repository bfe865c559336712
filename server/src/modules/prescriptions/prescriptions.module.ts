import type { CarebaseModule } from '../../platform/modules/module.ts';
import { prescriptionPdfRoutes } from './prescription-pdf.routes.ts';
import { prescriptionsRoutes } from './prescriptions.routes.ts';

export const prescriptionsModule: CarebaseModule = {
  name: 'prescriptions',
  routes: [
    { plugin: prescriptionPdfRoutes, prefix: '/api' },
    { plugin: prescriptionsRoutes, prefix: '/api' },
  ],
};
