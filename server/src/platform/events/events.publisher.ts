import type { ServerEvent } from '@carebase/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';

export const EVENTS_CHANNEL = 'carebase_events';

export type EventInput = Omit<ServerEvent, 'at'>;

/**
 * Queues an event with NOTIFY inside the caller's transaction: PostgreSQL delivers it only when that
 * transaction commits (and never if it rolls back), to every instance listening, this one included.
 */
export function publishEvent(executor: Executor, event: EventInput): Promise<void> {
  return publishEvents(executor, [event]);
}

/** Several events queued with one statement. */
export async function publishEvents(executor: Executor, events: readonly EventInput[]): Promise<void> {
  if (events.length > 0) await executor.execute(sql`select ${notifyExpressions(events)}`);
}

/** The pg_notify calls that queue events, for the select list of a statement that does more. */
export function notifyExpressions(events: readonly EventInput[]): SQL {
  const at = new Date().toISOString();
  return sql.join(
    events.map((e) => sql`pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ ...e, at })})`),
    sql`, `,
  );
}
