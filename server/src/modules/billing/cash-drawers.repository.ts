import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/database.ts';
import { users } from '../users/users.schema.ts';
import { cashDrawers, drawerMovements } from './cash.schema.ts';
import { payments, refunds } from './payments.schema.ts';

export type DrawerLockRow = Pick<
  typeof cashDrawers.$inferSelect,
  'id' | 'cashierId' | 'status' | 'openingFloatMinor' | 'countedMinor' | 'expectedMinor' | 'differenceMinor'
>;

export async function insertDrawer(
  db: Executor,
  d: { cashierId: string; businessDay: string; openingFloatMinor: number },
): Promise<string> {
  const [row] = await db.insert(cashDrawers).values(d).returning({ id: cashDrawers.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function findDrawerId(
  db: Executor,
  cashierId: string,
  businessDay: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: cashDrawers.id })
    .from(cashDrawers)
    .where(and(eq(cashDrawers.cashierId, cashierId), eq(cashDrawers.businessDay, businessDay)));
  return row?.id;
}

/** The drawer's row, locked until the transaction ends: changes to one drawer happen one at a time. */
export async function lockDrawer(db: Executor, id: string): Promise<DrawerLockRow | undefined> {
  const [row] = await db
    .select({
      id: cashDrawers.id,
      cashierId: cashDrawers.cashierId,
      status: cashDrawers.status,
      openingFloatMinor: cashDrawers.openingFloatMinor,
      countedMinor: cashDrawers.countedMinor,
      expectedMinor: cashDrawers.expectedMinor,
      differenceMinor: cashDrawers.differenceMinor,
    })
    .from(cashDrawers)
    .where(eq(cashDrawers.id, id))
    .for('update');
  return row;
}

/** The signed sum of the drawer's movements. */
export async function movementSum(db: Executor, drawerId: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<number>`coalesce(sum(${drawerMovements.amountMinor}), 0)::int` })
    .from(drawerMovements)
    .where(eq(drawerMovements.drawerId, drawerId));
  return row?.sum ?? 0;
}

export async function closeDrawer(
  db: Executor,
  id: string,
  c: {
    counts: Record<string, number>;
    countedMinor: number;
    expectedMinor: number;
    differenceMinor: number;
    closedBy: string | null;
  },
): Promise<void> {
  await db
    .update(cashDrawers)
    .set({ ...c, status: 'closed', closedAt: sql`now()` })
    .where(eq(cashDrawers.id, id));
}

export async function reopenDrawer(db: Executor, id: string): Promise<void> {
  await db
    .update(cashDrawers)
    .set({
      status: 'open',
      counts: null,
      countedMinor: null,
      expectedMinor: null,
      differenceMinor: null,
      closedAt: null,
      closedBy: null,
    })
    .where(eq(cashDrawers.id, id));
}

const cashiers = alias(users, 'cashier');
const closers = alias(users, 'closer');

/** Drawers with their cashier's and closer's names, by id or by business day, in cashier name order. */
export function listDrawers(db: Executor, by: { id: string } | { businessDay: string }) {
  return db
    .select({
      id: cashDrawers.id,
      cashierId: cashDrawers.cashierId,
      cashierName: cashiers.name,
      businessDay: cashDrawers.businessDay,
      status: cashDrawers.status,
      openingFloatMinor: cashDrawers.openingFloatMinor,
      counts: cashDrawers.counts,
      countedMinor: cashDrawers.countedMinor,
      differenceMinor: cashDrawers.differenceMinor,
      openedAt: cashDrawers.openedAt,
      closedAt: cashDrawers.closedAt,
      closedByName: closers.name,
    })
    .from(cashDrawers)
    .innerJoin(cashiers, eq(cashiers.id, cashDrawers.cashierId))
    .leftJoin(closers, eq(closers.id, cashDrawers.closedBy))
    .where('id' in by ? eq(cashDrawers.id, by.id) : eq(cashDrawers.businessDay, by.businessDay))
    .orderBy(sql`lower(${cashiers.name})`, asc(cashDrawers.id));
}
export type DrawerRow = Awaited<ReturnType<typeof listDrawers>>[number];

/** The movements of these drawers in order, with the number of the payment or refund that moved the cash. */
export function movementsOf(db: Executor, drawerIds: string[]) {
  if (drawerIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      drawerId: drawerMovements.drawerId,
      kind: drawerMovements.kind,
      amountMinor: drawerMovements.amountMinor,
      reference: sql<string | null>`coalesce(${payments.number}, ${refunds.number})`,
      reason: drawerMovements.reason,
      byName: users.name,
      at: drawerMovements.createdAt,
    })
    .from(drawerMovements)
    .leftJoin(payments, eq(payments.id, drawerMovements.paymentId))
    .leftJoin(refunds, eq(refunds.id, drawerMovements.refundId))
    .leftJoin(users, eq(users.id, drawerMovements.createdBy))
    .where(inArray(drawerMovements.drawerId, drawerIds))
    .orderBy(asc(drawerMovements.createdAt), asc(drawerMovements.id));
}
export type MovementRow = Awaited<ReturnType<typeof movementsOf>>[number];
