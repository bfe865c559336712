import { and, asc, count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { LightMyRequestResponse } from 'fastify';
import { auditEvents } from '../platform/audit/audit.schema.ts';
import type { Executor } from '../platform/db/database.ts';

export type AuditRow = typeof auditEvents.$inferSelect;

/** Audit events with this action (and resource id when given), oldest first. */
export function auditOf(db: Executor, action: string, resourceId?: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, action),
        resourceId === undefined ? undefined : eq(auditEvents.resourceId, resourceId),
      ),
    )
    .orderBy(asc(auditEvents.id));
}

export async function countRows(db: Executor, table: PgTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

/** Every row of a table in a stable order, to show that a refused request changed nothing. */
export async function snapshot(db: Executor, table: PgTable): Promise<string[]> {
  const rows = await db.select().from(table);
  return rows.map((r) => JSON.stringify(r)).sort();
}

/** The field paths named by a problem response's `errors`. */
export function errorPaths(res: LightMyRequestResponse): string[] {
  const body = res.json() as { errors?: { path: string }[] };
  return (body.errors ?? []).map((e) => e.path);
}
