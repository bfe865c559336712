import type { ServerEvent } from '@carebase/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { arrayParam, type Executor } from '../db/database.ts';

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
  if (events.length > 0) await executor.execute(sql`select ${notifyExpression(events)}`);
}

/**
 * An expression that queues the events (their count), for the select list of a statement that does more;
 * its text is the same for any number of events.
 */
export function notifyExpression(events: readonly EventInput[]): SQL {
  return sql`(select count(pg_notify(${EVENTS_CHANNEL}, e)) from unnest(${arrayParam(eventPayloads(events), 'text[]')}) e)`;
}

/** The events as NOTIFY payloads on EVENTS_CHANNEL, stamped now. */
export function eventPayloads(events: readonly EventInput[]): string[] {
  const at = new Date().toISOString();
  return events.map((e) => JSON.stringify({ ...e, at }));
}
