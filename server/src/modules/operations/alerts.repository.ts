import type { AlertRuleKey } from '@carebase/contracts';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { alerts } from './alerts.schema.ts';

export type AlertRow = typeof alerts.$inferSelect;

export function firingAlerts(ex: Executor, rule?: AlertRuleKey): Promise<AlertRow[]> {
  return ex
    .select()
    .from(alerts)
    .where(rule ? and(eq(alerts.status, 'firing'), eq(alerts.rule, rule)) : eq(alerts.status, 'firing'))
    .orderBy(desc(alerts.firedAt));
}

/** Opens a firing alert; null when one is already firing for this rule and subject (another evaluator won). */
export async function openAlert(
  ex: Executor,
  row: { rule: AlertRuleKey; subject: string; value: number | null; threshold: number },
): Promise<AlertRow | null> {
  const [opened] = await ex.insert(alerts).values(row).onConflictDoNothing().returning();
  return opened ?? null;
}

/** A firing alert's latest reading: its value, and how many clear readings it has had in a row. */
export async function updateFiring(
  ex: Executor,
  id: string,
  change: { value: number | null; clearStreak: number },
): Promise<void> {
  await ex
    .update(alerts)
    .set(change)
    .where(and(eq(alerts.id, id), eq(alerts.status, 'firing')));
}

export async function resolveAlert(ex: Executor, id: string): Promise<AlertRow | null> {
  const [row] = await ex
    .update(alerts)
    .set({ status: 'resolved', resolvedAt: sql`now()` })
    .where(and(eq(alerts.id, id), eq(alerts.status, 'firing')))
    .returning();
  return row ?? null;
}

export async function markNotified(ex: Executor, id: string): Promise<void> {
  await ex.update(alerts).set({ notifiedAt: sql`now()` }).where(eq(alerts.id, id));
}

export async function listAlerts(
  ex: Executor,
  q: { status?: 'firing' | 'resolved'; page: number; pageSize: number },
): Promise<{ rows: AlertRow[]; total: number }> {
  const where = q.status ? eq(alerts.status, q.status) : undefined;
  const [rows, [totals]] = await Promise.all([
    ex
      .select()
      .from(alerts)
      .where(where)
      .orderBy(sql`${alerts.status} = 'firing' DESC`, desc(alerts.firedAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ex.select({ total: count() }).from(alerts).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Resolved alerts are kept a year. */
export async function pruneAlerts(ex: Executor): Promise<void> {
  await ex
    .delete(alerts)
    .where(and(eq(alerts.status, 'resolved'), sql`${alerts.resolvedAt} < now() - interval '1 year'`));
}
