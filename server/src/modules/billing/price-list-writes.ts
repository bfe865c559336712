import { type Db, type Executor, type Tx, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import * as repo from './billing.repository.ts';

const TAKEN: Record<string, () => AppError> = {
  price_items_code_unique: () => fieldError('body.code', 'is already used by another item'),
  price_items_service_unique: () => fieldError('body.serviceId', 'is already billed by another item'),
};

/**
 * One change to the price list in one transaction. The checks inside give clear messages; writers racing
 * past them meet the unique indexes instead and get the same errors (or a conflict for a period).
 */
export function writePriceList<T>(db: Db, write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(write).catch((err: unknown) => {
    const constraint = uniqueViolation(err);
    if (constraint === undefined) throw err;
    throw (
      TAKEN[constraint]?.() ?? new AppError('conflict', 'The price list changed at the same time; try again.')
    );
  });
}

/** The item, its row locked for the rest of the transaction, or 404. */
export async function lockedItem(tx: Executor, id: string): Promise<repo.PriceItemRow> {
  const row = (await repo.lockItem(tx, id)) ? await repo.findItem(tx, id) : undefined;
  if (!row) throw new AppError('not_found', 'There is no such price list item.');
  return row;
}
