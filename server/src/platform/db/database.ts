import { createHash } from 'node:crypto';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** Repositories accept either the database or an open transaction. */
export type Executor = Db | Tx;

export type PoolStats = { total: number; idle: number; waiting: number };

/** One handle over PGlite or node-postgres; nothing above this file knows which. */
export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Subscribe to a LISTEN/NOTIFY channel. Returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Which connection carries the LISTENs: a number that changes whenever it is (re)opened, null while it
   * is down. Notifications sent in between are lost, so state kept fresh by them must start over then.
   */
  listenerEpoch(): number | null;
  poolStats(): PoolStats;
  close(): Promise<void>;
};

/** Rows of a raw `execute(sql…)`: both drivers answer with `{ rows }`. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The SQLSTATE of a database error; both drivers report it alike, and drizzle wraps their error as `cause`. */
export function sqlState(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The constraint broken by a unique violation (SQLSTATE 23505), or undefined for any other error. Two
 * requests racing past an existence check end here, and services answer with the same 400 the check gives.
 */
export function uniqueViolation(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return typeof constraint === 'string' ? constraint : '';
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * True for the error a statement raises when what it read has changed under it (SQLSTATE 40001, as
 * carebase_expect raises it) or when it deadlocked (40P01): the caller may try again.
 */
export function isWriteConflict(err: unknown): boolean {
  const state = sqlState(err);
  return state === '40001' || state === '40P01';
}

/**
 * A hot statement written once as SQL text with $1… parameters: no query building per call, and on
 * PostgreSQL a named prepared statement, parsed and planned once per connection.
 */
export function preparedStatement<T>(name: string, text: string) {
  return (executor: Executor, values: unknown[]): Promise<T[]> =>
    runStatement<T>(executor, text, values, name);
}

/** SQL text with $1… parameters, as a named prepared statement when `name` is given. */
export async function runStatement<T>(
  executor: Executor,
  text: string,
  values: unknown[],
  name?: string,
): Promise<T[]> {
  const query = executor._.session.prepareQuery({ sql: text, params: values }, undefined, name, false);
  const result = (await query.execute()) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A hot statement built with drizzle's sql`…` whose text does not change from call to call (lists passed as
 * one array parameter, not spread): on PostgreSQL a named prepared statement, named after its text, so it is
 * parsed and planned once per connection.
 */
export function queryPrepared<T>(executor: Executor, query: SQL): Promise<T[]> {
  const { text, values } = renderSql(executor, query);
  let name = preparedNames.get(text);
  if (!name) {
    name = `q_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return runStatement<T>(executor, text, values, name);
}
const preparedNames = new Map<string, string>();

/** A list as one array parameter of an SQL type (`uuid[]`, `int[]`), for statements of fixed text. */
export function arrayParam(values: readonly unknown[], type: `${string}[]`): SQL {
  return sql`${sql.param(values)}::${sql.raw(type)}`;
}

/** A query built with drizzle's sql`…`, rendered as text with $1… parameters. */
export function renderSql(executor: Executor, query: SQL): { text: string; values: unknown[] } {
  const rendered = (executor as unknown as { dialect: PgDialect }).dialect.sqlToQuery(query);
  return { text: rendered.sql, values: rendered.params };
}
