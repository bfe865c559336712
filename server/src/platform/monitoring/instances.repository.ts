import { desc, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { instances } from './monitoring.schema.ts';

export type InstanceRow = typeof instances.$inferSelect;

/** Every instance seen in the last week, newest first; older rows are dropped on the way. */
export async function recentInstances(ex: Executor): Promise<InstanceRow[]> {
  await ex.delete(instances).where(lt(instances.lastSeenAt, sql`now() - interval '7 days'`));
  return ex.select().from(instances).orderBy(desc(instances.startedAt));
}
