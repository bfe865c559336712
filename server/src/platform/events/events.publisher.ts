import type { ServerEvent } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';

export const EVENTS_CHANNEL = 'carebase_events';

export type EventInput = Omit<ServerEvent, 'at'>;

/**
 * Queues an event with NOTIFY inside the caller's transaction: PostgreSQL delivers it only when that
 * transaction commits (and never if it rolls back), to every instance listening, this one included.
 */
export async function publishEvent(executor: Executor, event: EventInput): Promise<void> {
  const payload = JSON.stringify({ ...event, at: new Date().toISOString() });
  await executor.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
}
