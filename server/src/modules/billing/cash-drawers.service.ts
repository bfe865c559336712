import type {
  CashDrawer,
  CloseDrawer,
  OpenDrawer,
  PaidOut,
  Permission,
  ReopenDrawer,
} from '@carebase/contracts';
import { countedMinorOf, MONEY_MAX_MINOR } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { type Db, type Executor, type Tx, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/pdf/pdf-text.ts';
import { clinicToday } from '../queue/queue.service.ts';
import { publishBillingChanged } from './billing-events.ts';
import { recordDrawerMovement } from './cash-drawer-ledger.ts';
import { expectedCash, toCashDrawer } from './cash-drawer-mappers.ts';
import * as repo from './cash-drawers.repository.ts';

/** Who asks to see a drawer: cashiers see their own, billing:read sees every one. */
export type DrawerViewer = { userId: string; permissions: readonly Permission[] };

const ALREADY_OPEN = (day: string) =>
  new AppError('conflict', `You have already opened your cash drawer for ${day}.`);
const NOT_FOUND = () => new AppError('not_found', 'There is no such cash drawer.');
const CLOSED = () =>
  new AppError('conflict', 'This cash drawer is closed and read-only; a supervisor can reopen it.');

async function drawersBy(db: Executor, by: { id: string } | { businessDay: string }): Promise<CashDrawer[]> {
  const rows = await repo.listDrawers(db, by);
  const movements = await repo.movementsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toCashDrawer(
      r,
      movements.filter((m) => m.drawerId === r.id),
    ),
  );
}

/** Every drawer of the business day (the clinic's today when absent), by cashier name. */
export async function listDrawers(ctx: AppContext, day?: string): Promise<CashDrawer[]> {
  return drawersBy(ctx.db, { businessDay: day ?? (await clinicToday(ctx)).day });
}

/** The drawer, or 404; 403 for a viewer who has no billing:read and is not its cashier. */
export async function getDrawer(db: Executor, id: string, viewer?: DrawerViewer): Promise<CashDrawer> {
  const [drawer] = await drawersBy(db, { id });
  if (!drawer) throw NOT_FOUND();
  if (viewer && drawer.cashierId !== viewer.userId && !viewer.permissions.includes('billing:read'))
    throw new AppError('forbidden', 'Only the cashier of this drawer or billing:read may see it.');
  return drawer;
}

/** The caller's drawer of the clinic's today, or 404 when they have not opened one. */
export async function myDrawer(ctx: AppContext, userId: string): Promise<CashDrawer> {
  const id = await repo.findDrawerId(ctx.db, userId, (await clinicToday(ctx)).day);
  if (!id) throw new AppError('not_found', 'You have not opened a cash drawer today.');
  return getDrawer(ctx.db, id);
}

/** One change to drawers in one transaction; two opens racing past the check meet the unique index. */
function writeDrawer<T>(db: Db, day: string, write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(write).catch((err: unknown) => {
    throw uniqueViolation(err) === 'cash_drawers_cashier_day_unique' ? ALREADY_OPEN(day) : err;
  });
}

/** The drawer, its row locked; 404 when there is none, 403 when it is not the actor's own. */
async function lockedOwnDrawer(tx: Executor, id: string, actor: ActorContext): Promise<repo.DrawerLockRow> {
  const row = await repo.lockDrawer(tx, id);
  if (!row) throw NOT_FOUND();
  if (row.cashierId !== actor.actorId)
    throw new AppError('forbidden', 'Only the cashier who opened this drawer may change it.');
  return row;
}

async function audited(
  tx: Tx,
  actor: ActorContext,
  id: string,
  action: string,
  details: Record<string, unknown>,
): Promise<CashDrawer> {
  await writeAudit(tx, actor, { action, resourceType: 'cash_drawer', resourceId: id, details });
  await publishBillingChanged(tx, id);
  return getDrawer(tx, id);
}

export async function openDrawer(
  ctx: AppContext,
  actor: ActorContext,
  input: OpenDrawer,
): Promise<CashDrawer> {
  const cashierId = actor.actorId;
  if (!cashierId) throw new AppError('forbidden', 'Only a person can open a cash drawer.');
  const { day } = await clinicToday(ctx);
  return writeDrawer(ctx.db, day, async (tx) => {
    if (await repo.findDrawerId(tx, cashierId, day)) throw ALREADY_OPEN(day);
    const id = await repo.insertDrawer(tx, { cashierId, businessDay: day, ...input });
    return audited(tx, actor, id, 'cash_drawer.open', { businessDay: day, ...input });
  });
}

/** Cash taken out of the actor's own open drawer for a reason; never more than the drawer should hold. */
export async function addPaidOut(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  input: PaidOut,
): Promise<CashDrawer> {
  const { settings } = await ctx.settings.get(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const row = await lockedOwnDrawer(tx, id, actor);
    if (row.status !== 'open') throw CLOSED();
    const expected = expectedCash(row.openingFloatMinor, await repo.movementSum(tx, id));
    if (input.amountMinor > expected) {
      const held = formatMoney(expected, settings.currency, 'en');
      throw new AppError(
        'conflict',
        `The drawer should hold ${held} (${expected} minor units); a paid-out cannot take more.`,
        {
          fields: [{ path: 'body.amountMinor', message: `must not be more than the expected cash, ${held}` }],
        },
      );
    }
    await recordDrawerMovement(tx, {
      drawerId: id,
      kind: 'paid_out',
      amountMinor: -input.amountMinor,
      reason: input.reason,
      createdBy: actor.actorId,
    });
    return audited(tx, actor, id, 'cash_drawer.paid_out', { ...input, expectedBefore: expected });
  });
}

/** The actor's count of their own drawer: what was counted against what was expected. Read-only after. */
export async function closeDrawer(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  input: CloseDrawer,
): Promise<CashDrawer> {
  const countedMinor = countedMinorOf(input.counts);
  if (countedMinor > MONEY_MAX_MINOR)
    throw fieldError('body.counts', `must add up to at most ${MONEY_MAX_MINOR} minor units`);
  return ctx.db.transaction(async (tx) => {
    const row = await lockedOwnDrawer(tx, id, actor);
    if (row.status !== 'open') throw CLOSED();
    const expectedMinor = expectedCash(row.openingFloatMinor, await repo.movementSum(tx, id));
    const closed = {
      counts: input.counts,
      countedMinor,
      expectedMinor,
      differenceMinor: countedMinor - expectedMinor,
    };
    await repo.closeDrawer(tx, id, { ...closed, closedBy: actor.actorId });
    return audited(tx, actor, id, 'cash_drawer.close', closed);
  });
}

/** A supervisor opens a closed drawer again: its count is cleared and the reopening is kept as a movement. */
export async function reopenDrawer(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  input: ReopenDrawer,
): Promise<CashDrawer> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockDrawer(tx, id);
    if (!row) throw NOT_FOUND();
    if (row.status === 'open') throw new AppError('conflict', 'This cash drawer is open already.');
    await repo.reopenDrawer(tx, id);
    await recordDrawerMovement(tx, {
      drawerId: id,
      kind: 'reopen',
      amountMinor: 0,
      reason: input.reason,
      createdBy: actor.actorId,
    });
    const { countedMinor, expectedMinor, differenceMinor } = row;
    return audited(tx, actor, id, 'cash_drawer.reopen', {
      reason: input.reason,
      before: { countedMinor, expectedMinor, differenceMinor },
    });
  });
}
