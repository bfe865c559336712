import type { CarebaseModule } from '../platform/modules/module.ts';
import { appointmentsModule } from './appointments/appointments.module.ts';
import { attachmentsModule } from './attachments/attachments.module.ts';
import { auditModule } from './audit/audit.module.ts';
import { authModule } from './auth/auth.module.ts';
import { billingModule } from './billing/billing.module.ts';
import { certificatesModule } from './certificates/certificates.module.ts';
import { dentalModule } from './dental/dental.module.ts';
import { encountersModule } from './encounters/encounters.module.ts';
import { icd10Module } from './icd10/icd10.module.ts';
import { imagingModule } from './imaging/imaging.module.ts';
import { operationsModule } from './operations/operations.module.ts';
import { patientsModule } from './patients/patients.module.ts';
import { prescriptionsModule } from './prescriptions/prescriptions.module.ts';
import { queueModule } from './queue/queue.module.ts';
import { recordExportModule } from './record-export/record-export.module.ts';
import { rolesModule } from './roles/roles.module.ts';
import { schedulingModule } from './scheduling/scheduling.module.ts';
import { settingsModule } from './settings/settings.module.ts';
import { setupModule } from './setup/setup.module.ts';
import { usersModule } from './users/users.module.ts';
import { vitalsModule } from './vitals/vitals.module.ts';

/**
 * Every feature module of the server, in start-up order (roles are seeded first: others may grant them). A
 * new module adds one line here; app.ts registers what each one declares.
 */
export const MODULES: readonly CarebaseModule[] = [
  rolesModule,
  icd10Module,
  authModule,
  usersModule,
  settingsModule,
  setupModule,
  auditModule,
  operationsModule,
  patientsModule,
  dentalModule,
  certificatesModule,
  prescriptionsModule,
  encountersModule,
  vitalsModule,
  attachmentsModule,
  recordExportModule,
  appointmentsModule,
  schedulingModule,
  queueModule,
  billingModule,
  imagingModule,
];
