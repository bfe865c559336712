import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';

export type NumberSeries = 'INV' | 'RCT' | 'CN';

/**
 * The next number of a series for a year, e.g. INV-2026-000123. The counter row's lock is held until the
 * transaction ends, so concurrent issuers take turns, and a transaction that rolls back gives its number
 * back: numbers have no gaps and no repeats.
 */
export async function nextNumber(tx: Executor, series: NumberSeries, year: number): Promise<string> {
  const rows = await queryRows<{ last: number }>(
    tx,
    sql`
    insert into billing_counters (series, year, last) values (${series}, ${year}, 1)
    on conflict (series, year) do update set last = billing_counters.last + 1
    returning last`,
  );
  const last = rows[0]?.last;
  if (last === undefined) throw new Error('the counter returned no number');
  return `${series}-${year}-${String(last).padStart(6, '0')}`;
}
