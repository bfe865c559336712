import type { AuditQuerySchema } from '@carebase/contracts';
import { and, asc, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEvents } from '../../platform/audit/audit.schema.ts';
import type { Executor } from '../../platform/db/database.ts';

export type AuditFilter = Omit<z.infer<typeof AuditQuerySchema>, 'page' | 'pageSize'>;

const SORT = {
  at: auditEvents.id,
  action: auditEvents.action,
  resourceType: auditEvents.resourceType,
} as const;

function whereOf(f: AuditFilter): SQL | undefined {
  const w: SQL[] = [];
  if (f.actor) w.push(eq(auditEvents.actorId, f.actor));
  if (f.patient) w.push(eq(auditEvents.patientId, f.patient));
  if (f.action) w.push(eq(auditEvents.action, f.action));
  if (f.resourceType) w.push(eq(auditEvents.resourceType, f.resourceType));
  if (f.outcome) w.push(eq(auditEvents.outcome, f.outcome));
  if (f.from) w.push(gte(auditEvents.at, new Date(f.from).toISOString()));
  if (f.to) w.push(lte(auditEvents.at, new Date(f.to).toISOString()));
  return w.length ? and(...w) : undefined;
}

export async function queryAudit(db: Executor, f: AuditFilter, limit: number, offset: number) {
  const col = SORT[f.sort];
  const rows = await db
    .select()
    .from(auditEvents)
    .where(whereOf(f))
    .orderBy(
      f.order === 'asc' ? asc(col) : desc(col),
      f.order === 'asc' ? asc(auditEvents.id) : desc(auditEvents.id),
    )
    .limit(limit)
    .offset(offset);
  return rows;
}

export async function countAudit(db: Executor, f: AuditFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(whereOf(f));
  return row?.n ?? 0;
}
