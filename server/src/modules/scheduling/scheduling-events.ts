import { EVENT_TYPES } from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';

/** Tells every screen showing schedules, services, rooms or departments to refresh, after commit. */
export function publishScheduleChanged(tx: Executor, resourceId: string): Promise<void> {
  return publishEvent(tx, { type: EVENT_TYPES.scheduleChanged, permission: 'schedules:read', resourceId });
}
