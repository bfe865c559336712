import { CHART_CHANGED_EVENT, EVENT_TYPES, PATIENT_CHANGED_EVENT } from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';

/**
 * After the demo clinic is removed every screen that may show part of it refreshes: patient lists and charts,
 * calendars, each department's queue and displays, schedules and users. Events without a resource id make
 * the whole family stale. Delivered when the removal commits.
 */
export async function publishSampleRemoved(tx: Executor, departmentKeys: string[]): Promise<void> {
  await publishEvent(tx, { type: PATIENT_CHANGED_EVENT, permission: 'patients:read' });
  await publishEvent(tx, { type: CHART_CHANGED_EVENT, permission: 'chart:read' });
  await publishEvent(tx, { type: EVENT_TYPES.appointmentChanged, permission: 'appointments:read' });
  await publishEvent(tx, { type: EVENT_TYPES.scheduleChanged, permission: 'schedules:read' });
  await publishEvent(tx, { type: EVENT_TYPES.userChanged, permission: 'users:read' });
  for (const department of departmentKeys)
    await publishEvent(tx, { type: EVENT_TYPES.queueChanged, permission: 'queue:read', department });
}
