import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';

/** Tables never rewritten by a merge: the registry itself, and the append-only audit trail. */
const EXCLUDED = ['patients', 'audit_events'];

/**
 * Every table of the public schema with a uuid `patient_id` column, read from the catalogue at merge time,
 * so tables other modules add later are moved too without this module knowing them.
 */
export async function tablesReferencingPatients(db: Executor): Promise<string[]> {
  const rows = await queryRows<{ table: string }>(
    db,
    sql`select c.table_name as "table"
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'patient_id' and c.data_type = 'uuid'
          and t.table_type = 'BASE TABLE'
        order by c.table_name`,
  );
  return rows.map((r) => r.table).filter((t) => !EXCLUDED.includes(t));
}

/** Points one table's rows from one patient to another; returns how many moved. */
export async function movePatientRows(
  db: Executor,
  table: string,
  fromId: string,
  toId: string,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with moved as (
          update ${sql.identifier(table)} set patient_id = ${toId}::uuid where patient_id = ${fromId}::uuid returning 1
        ) select count(*)::int as n from moved`,
  );
  return Number(row?.n ?? 0);
}

/** Records merged earlier into the one being merged now point straight at the survivor. */
export async function repointMergedRecords(db: Executor, fromId: string, toId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with moved as (
          update patients set merged_into_id = ${toId}::uuid where merged_into_id = ${fromId}::uuid returning 1
        ) select count(*)::int as n from moved`,
  );
  return Number(row?.n ?? 0);
}
