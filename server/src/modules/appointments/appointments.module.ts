import type { CarebaseModule } from '../../platform/modules/module.ts';
import { registerReminderSchedule } from './appointment-reminders.ts';
import { appointmentsRoutes } from './appointments.routes.ts';

export const appointmentsModule: CarebaseModule = {
  name: 'appointments',
  jobs: registerReminderSchedule,
  routes: [{ plugin: appointmentsRoutes, prefix: '/api' }],
};
