import type { CashDrawer } from '@carebase/contracts';
import type { DrawerRow, MovementRow } from './cash-drawers.repository.ts';

/** What should be in a drawer: the opening float plus the signed sum of its movements. */
export function expectedCash(openingFloatMinor: number, movementSumMinor: number): number {
  return openingFloatMinor + movementSumMinor;
}

/** A drawer as the contract shows it; `movements` are this drawer's, in order. */
export function toCashDrawer(row: DrawerRow, movements: readonly MovementRow[]): CashDrawer {
  const cashInMinor = movements.reduce((s, m) => s + Math.max(m.amountMinor, 0), 0);
  const cashOutMinor = movements.reduce((s, m) => s - Math.min(m.amountMinor, 0), 0);
  return {
    id: row.id,
    cashierId: row.cashierId,
    cashierName: row.cashierName,
    businessDay: row.businessDay,
    status: row.status,
    openingFloatMinor: row.openingFloatMinor,
    cashInMinor,
    cashOutMinor,
    expectedMinor: expectedCash(row.openingFloatMinor, cashInMinor - cashOutMinor),
    counts: row.counts,
    countedMinor: row.countedMinor,
    differenceMinor: row.differenceMinor,
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    closedByName: row.closedByName,
    movements: movements.map((m) => ({
      kind: m.kind,
      amountMinor: m.amountMinor,
      reference: m.reference,
      reason: m.reason,
      byName: m.byName,
      at: m.at.toISOString(),
    })),
  };
}
