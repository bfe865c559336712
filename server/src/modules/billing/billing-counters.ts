import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';

export type NumberSeries = 'INV' | 'RCT' | 'CN';

/**
 * A common table expression `name` giving the next number of a series for a year, e.g. INV-2026-000123, as
 * its column `number`. The counter row's lock is held until the transaction ends, so concurrent issuers take
 * turns, and a transaction that rolls back gives its number back: numbers have no gaps and no repeats.
 */
export function nextNumberCte(name: string, series: NumberSeries, year: number): SQL {
  return sql`${sql.identifier(name)} as (
    insert into billing_counters (series, year, last) values (${series}, ${year}, 1)
    on conflict (series, year) do update set last = billing_counters.last + 1
    returning series || '-' || year || '-' || lpad(last::text, greatest(6, length(last::text)), '0') as number
  )`;
}

/** The next number of a series for a year, on its own (see nextNumberCte). */
export async function nextNumber(tx: Executor, series: NumberSeries, year: number): Promise<string> {
  const rows = await queryRows<{ number: string }>(
    tx,
    sql`with ${nextNumberCte('next_number', series, year)} select number from next_number`,
  );
  const number = rows[0]?.number;
  if (number === undefined) throw new Error('the counter returned no number');
  return number;
}
