import type { Db, Executor, Tx } from './database.ts';

/** Runs fn in a transaction, or inside the caller's transaction when one is already open. */
export function inTransaction<T>(executor: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if ('rollback' in executor && typeof (executor as Tx).rollback === 'function' && !('$client' in executor)) {
    return fn(executor as Tx);
  }
  return (executor as Db).transaction(fn);
}
