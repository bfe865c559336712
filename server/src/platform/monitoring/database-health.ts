import type { DatabaseHealth } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Database, type Executor, queryRows } from '../db/database.ts';
import { knownMigrationCount, migrationLevel } from '../db/migrate.ts';
import { databaseSize } from './database-size.ts';

type Unavailable = DatabaseHealth['unavailable'];

const QUERY_CHARS = 500;
const LARGEST_TABLES = 10;
const LONG_QUERY_SECONDS = 5;
const PART_LOCK_TIMEOUT = '1s';
const PART_STATEMENT_TIMEOUT = '10s';

const EMBEDDED = {
  connections:
    'The embedded database (PGlite) has a single connection, this server’s own: there are no sessions to count.',
  longQueries:
    'The embedded database runs one statement at a time: no query runs beside this one, and none waits for a lock.',
  slowStatements:
    'Statement statistics need the pg_stat_statements extension, which the embedded database does not have; run on PostgreSQL to see them.',
};
const STATEMENTS_NOT_INSTALLED =
  'pg_stat_statements is not installed in this database: add it to shared_preload_libraries in postgresql.conf, ' +
  'restart PostgreSQL, then run CREATE EXTENSION pg_stat_statements; in this database.';

/**
 * Database health: what this engine can tell. Each part is read in a short transaction of its own with a lock
 * and a statement timeout, so one that fails (a missing privilege, a view the engine lacks, a table locked by
 * a migration) leaves the others standing and is reported as null with a reason, and none waits long.
 */
export async function databaseHealth(database: Database, log: FastifyBaseLogger): Promise<DatabaseHealth> {
  const unavailable: Unavailable = [];
  const attempt = async <T>(item: string, read: () => Promise<T>): Promise<T | null> => {
    try {
      return await read();
    } catch (err) {
      log.warn({ err, item }, 'database health: a part could not be read');
      unavailable.push({ item, reason: `The database refused to tell: ${databaseMessage(err)}` });
      return null;
    }
  };
  const part = <T>(item: string, read: (ex: Executor) => Promise<T>) =>
    attempt(item, () =>
      database.db.transaction(async (tx) => {
        await tx.execute(
          sql`SELECT set_config('lock_timeout', ${PART_LOCK_TIMEOUT}, true),
                set_config('statement_timeout', ${PART_STATEMENT_TIMEOUT}, true)`,
        );
        return read(tx);
      }),
    );
  const onPostgres = database.kind === 'postgres';

  const version = await part('version', serverVersion);
  const sizeBytes = await part('sizeBytes', databaseSize);
  if (sizeBytes === null && !unavailable.some((u) => u.item === 'sizeBytes'))
    unavailable.push({ item: 'sizeBytes', reason: 'The engine did not report the database’s size on disk.' });
  const largestTables = await part('largestTables', (ex) => largestTablesOf(ex, !onPostgres));
  const cacheHitRatio = await part('cacheHitRatio', cacheHitRatioOf);
  // Not in a transaction: it reads through the Database, whose only connection (PGlite) one would hold.
  const migrations = await attempt('migrations', async () => ({
    applied: (await migrationLevel(database)).applied,
    known: knownMigrationCount(),
  }));

  let connections: DatabaseHealth['connections'] = null;
  let maxConnections: number | null = null;
  let longQueries: DatabaseHealth['longQueries'] = null;
  let slowStatements: DatabaseHealth['slowStatements'] = null;
  if (onPostgres) {
    connections = await part('connections', connectionsByState);
    maxConnections = await part('maxConnections', maxConnectionsOf);
    longQueries = await part('longQueries', longAndWaitingQueries);
    const schema = await part('slowStatements', statementsExtensionSchema);
    if (schema) slowStatements = await part('slowStatements', (ex) => slowestStatements(ex, schema));
    else if (schema === undefined)
      unavailable.push({ item: 'slowStatements', reason: STATEMENTS_NOT_INSTALLED });
  } else {
    for (const item of ['connections', 'maxConnections'] as const)
      unavailable.push({ item, reason: EMBEDDED.connections });
    unavailable.push({ item: 'longQueries', reason: EMBEDDED.longQueries });
    unavailable.push({ item: 'slowStatements', reason: EMBEDDED.slowStatements });
  }

  return {
    engine: database.kind,
    version: version ?? '',
    sizeBytes,
    largestTables: largestTables ?? [],
    connections,
    maxConnections,
    cacheHitRatio,
    longQueries,
    slowStatements,
    migrations: migrations ?? { applied: 0, known: knownMigrationCount() },
    unavailable,
  };
}

/** "PostgreSQL 15.2 (Debian …)" or "PostgreSQL 18.6 (PGlite 0.5.16)", without the build platform. */
async function serverVersion(ex: Executor): Promise<string> {
  const [row] = await queryRows<{ v: string }>(ex, sql`SELECT version() AS v`);
  return (row?.v ?? '').split(' on ')[0] ?? '';
}

async function maxConnectionsOf(ex: Executor): Promise<number | null> {
  const [row] = await queryRows<{ n: number }>(ex, sql`SELECT current_setting('max_connections')::int AS n`);
  return row?.n ?? null;
}

/** The biggest tables with their indexes and TOAST; rows from statistics, or counted where there are none. */
async function largestTablesOf(ex: Executor, countRows: boolean): Promise<DatabaseHealth['largestTables']> {
  const tables = await queryRows<{ schema: string; table: string; totalBytes: number; rows: number }>(
    ex,
    sql`SELECT n.nspname AS schema, c.relname AS table,
          pg_total_relation_size(c.oid)::float8 AS "totalBytes", coalesce(s.n_live_tup, 0)::float8 AS rows
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_%'
          -- Sizing a table takes a share lock, which waits behind an exclusive one held or asked for.
          AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.relation = c.oid AND l.mode = 'AccessExclusiveLock')
        ORDER BY pg_total_relation_size(c.oid) DESC, c.relname
        LIMIT ${LARGEST_TABLES}`,
  );
  const result = [];
  for (const t of tables) {
    let rows = Number(t.rows);
    if (countRows) {
      const [row] = await queryRows<{ n: number }>(
        ex,
        sql`SELECT count(*)::float8 AS n FROM ${sql.identifier(t.schema)}.${sql.identifier(t.table)}`,
      );
      rows = Number(row?.n ?? 0);
    }
    const name = t.schema === 'public' ? t.table : `${t.schema}.${t.table}`;
    result.push({ name, rows, totalBytes: Number(t.totalBytes) });
  }
  return result;
}

async function cacheHitRatioOf(ex: Executor): Promise<number | null> {
  const [row] = await queryRows<{ hit: number; read: number }>(
    ex,
    sql`SELECT blks_hit::float8 AS hit, blks_read::float8 AS read
        FROM pg_stat_database WHERE datname = current_database()`,
  );
  const total = Number(row?.hit ?? 0) + Number(row?.read ?? 0);
  return total > 0 ? Number(row?.hit) / total : null;
}

async function connectionsByState(ex: Executor): Promise<NonNullable<DatabaseHealth['connections']>> {
  return queryRows(
    ex,
    sql`SELECT coalesce(state, 'unknown') AS state, count(*)::int AS count
        FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend'
        GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
}

/** Sessions of this database busy for more than 5 s, and any waiting on a lock, this one left out. */
async function longAndWaitingQueries(ex: Executor): Promise<NonNullable<DatabaseHealth['longQueries']>> {
  const rows = await queryRows<{
    pid: number;
    state: string | null;
    durationMs: number | null;
    waitEvent: string | null;
    blockedBy: number[] | null;
    query: string | null;
  }>(
    ex,
    sql`SELECT pid, state,
          (extract(epoch FROM clock_timestamp() - query_start) * 1000)::float8 AS "durationMs",
          CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || ': ' || wait_event END AS "waitEvent",
          pg_blocking_pids(pid) AS "blockedBy", left(query, ${QUERY_CHARS}) AS query
        FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          AND ((state <> 'idle' AND query_start < clock_timestamp() - make_interval(secs => ${LONG_QUERY_SECONDS}))
               OR cardinality(pg_blocking_pids(pid)) > 0)
        ORDER BY query_start
        LIMIT 50`,
  );
  return rows.map((r) => ({
    pid: r.pid,
    state: r.state,
    durationMs: Number(r.durationMs ?? 0),
    waitEvent: r.waitEvent,
    blockedBy: (r.blockedBy ?? []).map(Number),
    query: r.query ?? '',
  }));
}

/** The schema pg_stat_statements is installed in, or undefined when it is not installed in this database. */
async function statementsExtensionSchema(ex: Executor): Promise<string | undefined> {
  const [row] = await queryRows<{ schema: string }>(
    ex,
    sql`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_stat_statements'`,
  );
  return row?.schema;
}

async function slowestStatements(
  ex: Executor,
  schema: string,
): Promise<NonNullable<DatabaseHealth['slowStatements']>> {
  return queryRows(
    ex,
    sql`SELECT left(s.query, ${QUERY_CHARS}) AS query, s.calls::float8 AS calls,
          s.mean_exec_time::float8 AS "meanMs", s.total_exec_time::float8 AS "totalMs", s.rows::float8 AS rows
        FROM ${sql.identifier(schema)}.pg_stat_statements s
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY s.mean_exec_time DESC
        LIMIT 10`,
  );
}

/** The database's own words: drizzle wraps the driver's error (as `cause`) in one quoting the whole query. */
function databaseMessage(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  const message = e instanceof Error ? e.message : String(e);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}
