import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { clinicToday } from '../queue/queue.service.ts';
import { cashDrawers, drawerMovements } from './cash.schema.ts';

/**
 * The cashier's open drawer for today (clinic time), its row locked until the transaction ends so a close
 * cannot slip between the check and the movement; 409 when there is none: cash needs an open drawer.
 */
export async function openDrawerOf(
  ctx: Pick<AppContext, 'settings' | 'db'>,
  tx: Executor,
  cashierId: string,
  /** Lock the drawer's row for the rest of the transaction; without, the write must check it is still open. */
  lock = true,
): Promise<string> {
  // Through tx: on PGlite's one connection a read beside the open transaction would wait forever.
  const { day } = await clinicToday({ settings: ctx.settings, db: tx });
  const query = tx
    .select({ id: cashDrawers.id, status: cashDrawers.status })
    .from(cashDrawers)
    .where(and(eq(cashDrawers.cashierId, cashierId), eq(cashDrawers.businessDay, day)));
  const [row] = await (lock ? query.for('update') : query);
  if (row?.status !== 'open')
    throw new AppError(
      'conflict',
      row
        ? 'Your cash drawer for today is closed; a supervisor can reopen it.'
        : 'Open your cash drawer for today before taking or giving back cash.',
      { fields: [{ path: 'body.method', message: 'cash needs an open drawer' }] },
    );
  return row.id;
}

/** Cash into the drawer (positive) or out of it (negative), tied to the payment or refund that moved it. */
export async function recordDrawerMovement(
  tx: Executor,
  m: {
    drawerId: string;
    kind: (typeof drawerMovements.$inferInsert)['kind'];
    amountMinor: number;
    paymentId?: string;
    refundId?: string;
    reason?: string;
    createdBy: string | null;
  },
): Promise<void> {
  await tx.insert(drawerMovements).values(m);
}
