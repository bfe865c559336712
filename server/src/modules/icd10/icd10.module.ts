import type { CarebaseModule } from '../../platform/modules/module.ts';
import { icd10Routes } from './icd10.routes.ts';
import { ensureIcd10Starter } from './icd10.service.ts';

export const icd10Module: CarebaseModule = {
  name: 'icd10',
  seed: ensureIcd10Starter,
  routes: [{ plugin: icd10Routes, prefix: '/api' }],
};
