import { type SQL, sql } from 'drizzle-orm';
import { arrayParam, type Executor } from '../../platform/db/database.ts';

/** The unique indexes of the rollups are on this expression, so ON CONFLICT names it the same way. */
const periodProviderKey = (period: 'day' | 'month') =>
  sql.raw(`("${period}", coalesce("provider_id", '00000000-0000-0000-0000-000000000000'::uuid))`);

/** Adds the entries written to one rollup, in (period, doctor) order, so that two transactions touching the
 * same doctors lock their rows in the same order. */
function addToRollup(table: 'share_daily' | 'share_monthly', period: 'day' | 'month', periodOf: SQL): SQL {
  return sql`${sql.raw(`${table}_added`)} as (
    insert into ${sql.raw(table)} (${sql.raw(period)}, provider_id, amount_minor, doctor_minor, clinic_minor,
                                   tax_minor, entries)
    select ${periodOf}, provider_id, sum(amount_minor), sum(doctor_minor), sum(clinic_minor), sum(tax_minor),
           count(*)
    from share_entries_written
    group by 1, 2
    order by 1, 2
    on conflict ${periodProviderKey(period)} do update set
      amount_minor = ${sql.raw(table)}.amount_minor + excluded.amount_minor,
      doctor_minor = ${sql.raw(table)}.doctor_minor + excluded.doctor_minor,
      clinic_minor = ${sql.raw(table)}.clinic_minor + excluded.clinic_minor,
      tax_minor = ${sql.raw(table)}.tax_minor + excluded.tax_minor,
      entries = ${sql.raw(table)}.entries + excluded.entries
  )`;
}

/** The clinic's local day of an entry, in the zone the rollups are keyed by (migration 0026). */
const LOCAL_DAY = sql`(at at time zone carebase_clinic_time_zone())::date`;

export type ShareEntryValues = {
  invoiceId: string;
  lineId: string;
  providerId: string | null;
  allocationId?: string;
  refundId?: string;
  amountMinor: number;
  doctorMinor: number;
  clinicMinor: number;
  taxMinor: number;
};

/**
 * The common table expressions that write share entries (`share_entries_written`) and add them to the
 * rollups, share_daily and share_monthly (the ledger summed by the clinic's local day, and month, and doctor),
 * for a statement that may write more. The day is taken in the database from the stored time zone, the one
 * the rollups are keyed by: migration 0026 rebuilds them when the zone changes.
 */
export function shareEntriesCtes(entries: readonly ShareEntryValues[]): SQL[] {
  // One array per column, so the statement's text is the same for any number of entries.
  const column = (pick: (e: ShareEntryValues) => string | number | null | undefined, type: `${string}[]`) =>
    arrayParam(
      entries.map((e) => pick(e) ?? null),
      type,
    );
  return [
    sql`share_entries_written as (
          insert into share_entries (invoice_id, line_id, provider_id, allocation_id, refund_id, amount_minor,
                                     doctor_minor, clinic_minor, tax_minor)
          select * from unnest(${column((e) => e.invoiceId, 'uuid[]')}, ${column((e) => e.lineId, 'uuid[]')},
                               ${column((e) => e.providerId, 'uuid[]')}, ${column((e) => e.allocationId, 'uuid[]')},
                               ${column((e) => e.refundId, 'uuid[]')}, ${column((e) => e.amountMinor, 'int[]')},
                               ${column((e) => e.doctorMinor, 'int[]')}, ${column((e) => e.clinicMinor, 'int[]')},
                               ${column((e) => e.taxMinor, 'int[]')})
          returning provider_id, at, amount_minor, doctor_minor, clinic_minor, tax_minor
        )`,
    addToRollup('share_daily', 'day', LOCAL_DAY),
    addToRollup('share_monthly', 'month', sql`date_trunc('month', ${LOCAL_DAY})::date`),
  ];
}

/**
 * Recomputes the rollups from the ledger: after rows of share_entries were deleted (sample data removal), or
 * after bulk loading entries outside the ledger code. Takes seconds on millions of entries.
 */
export async function rebuildShareRollups(db: Executor): Promise<void> {
  await db.execute(sql`select carebase_rebuild_share_rollups()`);
}
