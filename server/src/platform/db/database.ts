import type { SQL } from 'drizzle-orm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Repositories accept either the database or an open transaction. */
export type Executor = Db | Tx;

export type PoolStats = { total: number; idle: number; waiting: number };

/** One handle over PGlite or node-postgres; nothing above this file knows which. */
export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Subscribe to a LISTEN/NOTIFY channel. Returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  poolStats(): PoolStats;
  close(): Promise<void>;
};

/** Rows of a raw `execute(sql…)`: both drivers answer with `{ rows }`. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
