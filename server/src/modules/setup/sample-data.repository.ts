import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { sampleRecords } from './sample-data.schema.ts';

export type SampleType =
  | 'department'
  | 'room'
  | 'service'
  | 'user'
  | 'patient'
  | 'appointment'
  | 'visit'
  | 'encounter';

/** One loader or remover at a time, across instances: the second waits, then sees what the first did. */
export async function lockSampleData(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('carebase.sample_records'))`);
}

export async function recordSamples(db: Executor, resourceType: SampleType, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.insert(sampleRecords).values(ids.map((resourceId) => ({ resourceType, resourceId })));
}

export async function sampleIds(db: Executor): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ type: sampleRecords.resourceType, id: sampleRecords.resourceId })
    .from(sampleRecords);
  const byType = new Map<string, string[]>();
  for (const r of rows) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
  return byType;
}

export async function forgetSamples(db: Executor): Promise<void> {
  await db.delete(sampleRecords);
}

type ForeignKey = { child: string; childColumn: string; parent: string; parentColumn: string };

/** Every one-column foreign key of the public schema, read from the catalogue. */
async function foreignKeys(db: Executor): Promise<ForeignKey[]> {
  return queryRows<ForeignKey>(
    db,
    sql`select cl.relname as "child", ca.attname as "childColumn", pr.relname as "parent", pa.attname as "parentColumn"
        from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid
        join pg_namespace n on n.oid = cl.relnamespace
        join pg_class pr on pr.oid = c.confrelid
        join pg_attribute ca on ca.attrelid = c.conrelid and ca.attnum = c.conkey[1]
        join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
        where c.contype = 'f' and n.nspname = 'public' and cardinality(c.conkey) = 1
        order by 1, 2`,
  );
}

const SAMPLE_PATIENT_IDS = sql`(select resource_id::uuid from sample_records where resource_type = 'patient')`;

/**
 * Which rows of each table hang off the sample patients: the patients themselves, then every row that
 * references one of those rows through a foreign key, and so on (appointments, their reminders, queue visits,
 * encounters with their diagnoses, addenda and vitals, certificates, attachments…), whoever wrote them.
 * Tables that other modules add later are covered without this file knowing them.
 */
function patientDependents(keys: ForeignKey[]): Map<string, SQL> {
  const conditions = new Map<string, SQL[]>([['patients', [sql`id in ${SAMPLE_PATIENT_IDS}`]]]);
  const reached = new Map<string, SQL>();
  const conditionOf = (table: string): SQL => sql.join(conditions.get(table) ?? [], sql` or `);
  // Breadth-first from the patients; a table reached again through another key gets that path added.
  let frontier = ['patients'];
  const seenEdges = new Set<string>();
  for (let depth = 0; frontier.length && depth < 8; depth++) {
    for (const t of frontier) reached.set(t, sql`(${conditionOf(t)})`);
    const next: string[] = [];
    for (const fk of keys) {
      const edge = `${fk.child}.${fk.childColumn}`;
      if (!frontier.includes(fk.parent) || fk.child === fk.parent || seenEdges.has(edge)) continue;
      if (fk.child === 'audit_events' || fk.child === 'sample_records') continue;
      seenEdges.add(edge);
      const parentRows = sql`select ${sql.identifier(fk.parentColumn)} from ${sql.identifier(fk.parent)} where ${reached.get(fk.parent)}`;
      conditions.set(fk.child, [
        ...(conditions.get(fk.child) ?? []),
        sql`${sql.identifier(fk.childColumn)} in (${parentRows})`,
      ]);
      next.push(fk.child);
    }
    frontier = [...new Set(next)];
  }
  for (const t of conditions.keys()) reached.set(t, sql`(${conditionOf(t)})`);
  return reached;
}

/** Children before parents, so that no foreign key is broken along the way. */
function deletionOrder(tables: string[], keys: ForeignKey[]): string[] {
  const pending = new Set(tables);
  const order: string[] = [];
  while (pending.size) {
    const leaf = [...pending].find(
      (t) => !keys.some((fk) => fk.parent === t && fk.child !== t && pending.has(fk.child)),
    );
    if (!leaf) throw new Error(`sample data: foreign keys form a cycle among ${[...pending].join(', ')}`);
    order.push(leaf);
    pending.delete(leaf);
  }
  return order;
}

/** Deletes the sample patients and everything hanging off them; returns how many rows went, by table. */
export async function deletePatientData(db: Executor): Promise<Map<string, number>> {
  const keys = await foreignKeys(db);
  const dependents = patientDependents(keys);
  const deleted = new Map<string, number>();
  for (const table of deletionOrder([...dependents.keys()], keys)) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (delete from ${sql.identifier(table)} where ${dependents.get(table)} returning 1)
          select count(*)::int as n from gone`,
    );
    deleted.set(table, Number(row?.n ?? 0));
  }
  return deleted;
}

/** The patient a row of patient data belongs to, by the column that says so. */
const OWNER_PATHS: Record<string, (t: string) => SQL> = {
  patient_id: (t) => sql`${sql.identifier(t)}.patient_id`,
  encounter_id: (t) =>
    sql`(select e.patient_id from encounters e where e.id = ${sql.identifier(t)}.encounter_id)`,
  appointment_id: (t) =>
    sql`(select a.patient_id from appointments a where a.id = ${sql.identifier(t)}.appointment_id)`,
};

export type Blocker = { table: string; column: string; rows: number };

/**
 * Rows of real (non-sample) patients that point at a sample account, room or service: an appointment booked
 * with the sample doctor, a note she signed for a real patient… Removing the sample would break them.
 */
export async function realPatientReferences(
  db: Executor,
  targets: { table: 'users' | 'rooms' | 'services'; ids: string[] }[],
): Promise<Blocker[]> {
  const keys = await foreignKeys(db);
  const columns = await queryRows<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and column_name in ('patient_id', 'encounter_id', 'appointment_id')`,
  );
  const blockers: Blocker[] = [];
  for (const target of targets) {
    if (!target.ids.length) continue;
    for (const fk of keys.filter((k) => k.parent === target.table && k.child !== 'patients')) {
      const path = ['patient_id', 'encounter_id', 'appointment_id'].find((c) =>
        columns.some((col) => col.table === fk.child && col.column === c),
      );
      if (!path) continue;
      const owner = OWNER_PATHS[path]?.(fk.child);
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${sql.identifier(fk.child)}
            where ${sql.identifier(fk.child)}.${sql.identifier(fk.childColumn)}::text in (${sql.join(
              target.ids.map((id) => sql`${id}`),
              sql`, `,
            )})
              and not coalesce(is_sample_patient(${owner}), false)`,
      );
      const rows = Number(row?.n ?? 0);
      if (rows) blockers.push({ table: fk.child, column: fk.childColumn, rows });
    }
  }
  return blockers;
}

/**
 * The rows that belong to a sample account rather than to any patient: its roles, the services it offers,
 * its weekly hours and time off, its sessions and links.
 */
export async function deleteAccountRows(db: Executor, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  const keys = await foreignKeys(db);
  const ids = sql.join(
    userIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const owned = keys.filter(
    (k) => k.parent === 'users' && (k.childColumn === 'user_id' || k.childColumn === 'provider_id'),
  );
  const columns = await queryRows<{ table: string }>(
    db,
    sql`select distinct table_name as "table" from information_schema.columns
        where table_schema = 'public'
          and column_name in ('patient_id', 'encounter_id', 'appointment_id', 'invoice_id')`,
  );
  // Money records are never an account's own rows: a doctor's payouts and the share rollups stay, and so
  // does a sample doctor whose name is on a real patient's invoice (the account is then kept).
  const patientData = new Set([
    'patients',
    'payouts',
    'share_daily',
    'share_monthly',
    ...columns.map((c) => c.table),
  ]);
  for (const fk of owned.filter((k) => !patientData.has(k.child))) {
    await db.execute(
      sql`delete from ${sql.identifier(fk.child)} where ${sql.identifier(fk.childColumn)} in (${ids})`,
    );
  }
}

/** Deletes one row of a sample table; false when something else still points at it (then it is kept). */
export async function deleteIfUnreferenced(
  db: Executor,
  table: 'users' | 'rooms' | 'services' | 'departments',
  key: string,
): Promise<boolean> {
  const column = table === 'departments' ? 'key' : 'id';
  try {
    await db.transaction(async (sp) => {
      await sp.execute(
        sql`delete from ${sql.identifier(table)} where ${sql.identifier(column)}::text = ${key}`,
      );
    });
    return true;
  } catch (err) {
    if (foreignKeyViolation(err)) return false;
    throw err;
  }
}

function foreignKeyViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    if ((e as { code?: unknown }).code === '23503') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
