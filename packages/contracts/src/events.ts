import { z } from 'zod';
import { PERMISSIONS } from './permissions.ts';

/** What travels on the WebSocket at /api/events. `permission` decides who receives it. */
export const ServerEventSchema = z.object({
  type: z.string(),
  permission: z.enum(PERMISSIONS).nullable(),
  /** When set, only this user receives the event (besides the permission check). */
  userId: z.uuid().nullable().optional(),
  resourceId: z.string().nullable().optional(),
  /** The department whose queue changed (queue events), so screens of other departments ignore it. */
  department: z.string().nullable().optional(),
  at: z.string(),
});
export type ServerEvent = z.infer<typeof ServerEventSchema>;

export const EVENT_TYPES = {
  userChanged: 'user.changed',
  roleChanged: 'role.changed',
  settingsChanged: 'settings.changed',
  outboxChanged: 'outbox.changed',
  jobChanged: 'job.changed',
  sessionRevoked: 'session.revoked',
  appointmentChanged: 'appointment.changed',
  queueChanged: 'queue.changed',
  displayRevoked: 'display.revoked',
  scheduleChanged: 'schedule.changed',
  priceListChanged: 'price_list.changed',
  /** An invoice, payment, refund, drawer or payout changed: billing lists and home cards refresh. */
  billingChanged: 'billing.changed',
  /** A backup started, moved on, or finished: the backups page refreshes. */
  backupChanged: 'backup.changed',
  /** A new monitoring sample was stored: dashboards refresh their charts. */
  monitoringSampled: 'monitoring.sampled',
  /** An alert fired or resolved, or a rule changed. */
  alertChanged: 'alert.changed',
  /** A study arrived, was linked to a patient, or was deleted: imaging lists and the chart refresh. */
  imagingChanged: 'imaging.changed',
} as const;
