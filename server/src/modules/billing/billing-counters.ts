import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';

export type NumberSeries = 'INV' | 'RCT' | 'CN';

/**
 * The next number of a series for a year, e.g. INV-2026-000123 (carebase_next_number, migration 0026). The
 * counter row's lock is held until the transaction ends, so concurrent issuers take turns, and a transaction
 * that rolls back gives its number back: numbers have no gaps and no repeats. Receipts are numbered after
 * their payments commit, many at a time (receipt-numbers.ts), not here.
 */
export async function nextNumber(tx: Executor, series: NumberSeries, year: number): Promise<string> {
  const rows = await queryRows<{ number: string }>(
    tx,
    sql`select carebase_next_number(${series}, ${year}::int) as number`,
  );
  const number = rows[0]?.number;
  if (number === undefined) throw new Error('the counter returned no number');
  return number;
}
