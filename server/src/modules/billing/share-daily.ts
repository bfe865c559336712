import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';

/** The unique index of share_daily is on this expression, so ON CONFLICT names it the same way. */
const DAY_PROVIDER_KEY = sql.raw(
  `("day", coalesce("provider_id", '00000000-0000-0000-0000-000000000000'::uuid))`,
);

type WrittenEntry = {
  providerId: string | null;
  /** The UTC day of `at`, YYYY-MM-DD. */
  day: string;
  amountMinor: number;
  doctorMinor: number;
  clinicMinor: number;
  taxMinor: number;
};

/**
 * Adds share entries just written to the daily rollup, in the same transaction. Rows are sent in a fixed
 * order (day, doctor) so two transactions touching the same doctors lock their rows in the same order.
 */
export async function addToShareDaily(tx: Executor, written: readonly WrittenEntry[]): Promise<void> {
  const sums = new Map<string, WrittenEntry & { entries: number }>();
  for (const e of written) {
    const key = `${e.day}|${e.providerId ?? ''}`;
    const s = sums.get(key) ?? {
      day: e.day,
      providerId: e.providerId,
      amountMinor: 0,
      doctorMinor: 0,
      clinicMinor: 0,
      taxMinor: 0,
      entries: 0,
    };
    s.amountMinor += e.amountMinor;
    s.doctorMinor += e.doctorMinor;
    s.clinicMinor += e.clinicMinor;
    s.taxMinor += e.taxMinor;
    s.entries += 1;
    sums.set(key, s);
  }
  if (sums.size === 0) return;
  const rows = [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([, s]) =>
        sql`(${s.day}::date, ${s.providerId}::uuid, ${s.amountMinor}::bigint, ${s.doctorMinor}::bigint,
             ${s.clinicMinor}::bigint, ${s.taxMinor}::bigint, ${s.entries}::int)`,
    );
  await tx.execute(
    sql`insert into share_daily (day, provider_id, amount_minor, doctor_minor, clinic_minor, tax_minor, entries)
        values ${sql.join(rows, sql`, `)}
        on conflict ${DAY_PROVIDER_KEY} do update set
          amount_minor = share_daily.amount_minor + excluded.amount_minor,
          doctor_minor = share_daily.doctor_minor + excluded.doctor_minor,
          clinic_minor = share_daily.clinic_minor + excluded.clinic_minor,
          tax_minor = share_daily.tax_minor + excluded.tax_minor,
          entries = share_daily.entries + excluded.entries`,
  );
}

/**
 * Recomputes the whole rollup from the ledger: after rows of share_entries were deleted (sample data removal),
 * or after bulk loading entries outside the ledger code. Takes seconds on millions of entries.
 */
export async function rebuildShareDaily(db: Executor): Promise<void> {
  await db.execute(sql`delete from share_daily`);
  await db.execute(
    sql`insert into share_daily (day, provider_id, amount_minor, doctor_minor, clinic_minor, tax_minor, entries)
        select (at at time zone 'UTC')::date, provider_id, sum(amount_minor), sum(doctor_minor),
               sum(clinic_minor), sum(tax_minor), count(*)
        from share_entries
        group by 1, 2`,
  );
}
