import { sql } from 'drizzle-orm';
import { rebuildShareRollups } from '../server/src/modules/billing/share-rollups.ts';
import { type Executor, queryRows } from '../server/src/platform/db/database.ts';

const BATCH = 100_000;
const YEARS_DAYS = 1095;

/**
 * Synthetic billing history written straight into the ledger tables with INSERT … SELECT generate_series, every
 * row consistent with what the services would have written (totals, paid and refunded sums, statuses, one
 * share entry per line paid with doctor + clinic + tax = amount). Ids are made from a tag and the row number (bench_uuid), so
 * the tables can point at each other without lookups.
 *
 * Invoice g (1 … n) is for patient g mod `patients` and doctor g mod `doctors`; it has a consultation line
 * (the doctor's, 60 %, no tax) and, when g is odd, a lab line (no doctor, 12 % tax). It is paid in full by
 * payment g at a time spread evenly over the last three years, except: g ≡ 1 (mod 20) pays only the first
 * line (partly paid), g ≡ 3 (mod 100) has its lab line refunded a day later. A further n/20 invoices are
 * issued and unpaid (for ageing).
 */
export async function generateBilling(
  db: Executor,
  opts: { payments: number; doctors: number; patients: number; currency: string },
): Promise<{ ms: number; counts: Record<string, number> }> {
  const started = performance.now();
  const n = opts.payments;
  await defineUuidFunction(db);
  await db.execute(sql`
    insert into users (id, email, name)
    select bench_uuid('d' || d), 'bench-doctor-' || d || '@example.org', 'Dr Bench ' || lpad(d::text, 3, '0')
    from generate_series(1, ${opts.doctors}::int) d`);
  await db.execute(sql`
    insert into user_roles (user_id, role_key)
    select bench_uuid('d' || d), 'doctor' from generate_series(1, ${opts.doctors}::int) d`);
  await db.execute(sql`
    insert into patients (id, mrn, given_name, family_name, search_name, sort_name, sex, birth_date)
    select bench_uuid('pt' || p), 'BENCH-' || lpad(p::text, 8, '0'), 'Given' || p, 'Family' || (p % 997),
           'given' || p || ' family' || (p % 997), 'family' || (p % 997) || ' given' || p,
           case when p % 2 = 0 then 'female' else 'male' end, date '1950-01-01' + (p % 20000)
    from generate_series(0, ${opts.patients - 1}::int) p`);
  const unpaid = Math.floor(n / 20);
  // Three years back from a minute ago, so every row is in the past.
  const base = new Date(Date.now() - 60_000 - YEARS_DAYS * 86_400_000).toISOString();
  for (let from = 1; from <= n + unpaid; from += BATCH) {
    const to = Math.min(n + unpaid, from + BATCH - 1);
    await insertBatch(db, { from, to, n, base, ...opts });
  }
  // The rollups the services keep up to date as they write entries, built here in one go.
  await rebuildShareRollups(db);
  // As autovacuum would leave them: statistics, and the visibility map that index-only scans need.
  for (const table of [
    'share_daily',
    'share_monthly',
    'invoices',
    'invoice_lines',
    'payments',
    'payment_allocations',
    'refunds',
    'share_entries',
  ])
    await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  const [counts] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from invoices) as invoices, (select count(*)::int from payments) as payments,
               (select count(*)::int from share_entries) as "shareEntries", (select count(*)::int from refunds) as refunds,
               (select count(*)::int from share_daily) as "shareDaily",
               (select count(*)::int from share_monthly) as "shareMonthly"`,
  );
  return { ms: performance.now() - started, counts: counts ?? {} };
}

async function insertBatch(
  db: Executor,
  o: {
    from: number;
    to: number;
    n: number;
    doctors: number;
    patients: number;
    currency: string;
    base: string;
  },
): Promise<void> {
  // The figures of invoice g, shared by every insert of the batch.
  const rows = sql`
    select g,
      bench_uuid('i' || g) as invoice_id,
      bench_uuid('pt' || (g % ${o.patients})) as patient_id,
      bench_uuid('d' || (1 + g % ${o.doctors})) as doctor_id,
      5000 + (g % 7) * 500 as price1,
      g % 2 = 1 as lab,
      g <= ${o.n} as paid,
      g <= ${o.n} and g % 20 = 1 as partial,
      g <= ${o.n} and g % 100 = 3 as refunded,
      ${o.base}::timestamptz
        + ((least(g, ${o.n})::float8 / ${o.n}) * interval '${sql.raw(String(YEARS_DAYS))} days') as t
    from generate_series(${o.from}::int, ${o.to}::int) g`;
  // Lab line: 12.34 with 12 % tax = 1.48 → 13.82.
  await db.execute(sql`
    insert into invoices (id, number, patient_id, status, currency, subtotal_minor, tax_minor, total_minor,
      paid_minor, refunded_minor, payer_name, created_at, updated_at, issued_at)
    select invoice_id, 'INV-B-' || g, patient_id,
      case when not paid then 'issued' when partial or refunded then 'partially_paid' else 'paid' end,
      ${o.currency}, price1 + case when lab then 1234 else 0 end, case when lab then 148 else 0 end,
      price1 + case when lab then 1382 else 0 end,
      case when not paid then 0 when partial then price1 else price1 + case when lab then 1382 else 0 end end,
      case when refunded then 1382 else 0 end,
      case when g % 10 = 0 then 'Acme Health' when g % 10 = 5 then 'Northwind Insurance' end,
      t - interval '1 hour', t, t - interval '1 hour'
    from (${rows}) r`);
  await db.execute(sql`
    insert into invoice_lines (id, invoice_id, position, kind, code, description, quantity, unit_price_minor,
      tax_rate_bp, provider_id, share_kind, share_basis_points, gross_minor, net_minor, line_tax_minor,
      total_minor, doctor_minor)
    select bench_uuid('l1-' || g), invoice_id, 1, 'consultation', 'CONS-' || (g % 7), 'Consultation ' || (g % 7), 1,
      price1, 0, doctor_id, 'percent', 6000, price1, price1, 0, price1, price1 * 6 / 10
    from (${rows}) r
    union all
    select bench_uuid('l2-' || g), invoice_id, 2, 'lab', 'LAB-CBC', 'Complete blood count', 1, 1234, 1200, null::uuid,
      null::text, null::int, 1234, 1234, 148, 1382, 0
    from (${rows}) r where lab`);
  await db.execute(sql`
    insert into payments (id, number, patient_id, method, amount_minor, received_at)
    select bench_uuid('p' || g), 'RCT-B-' || g, patient_id,
      (array['card', 'bank_transfer', 'e_wallet', 'insurance', 'card', 'other'])[1 + g % 6],
      price1 + case when lab and not partial then 1382 else 0 end, t
    from (${rows}) r where paid`);
  await db.execute(sql`
    insert into payment_allocations (id, payment_id, invoice_id, amount_minor, created_at)
    select bench_uuid('a' || g), bench_uuid('p' || g), invoice_id,
      price1 + case when lab and not partial then 1382 else 0 end, t
    from (${rows}) r where paid`);
  await db.execute(sql`
    insert into refunds (id, number, patient_id, invoice_id, method, amount_minor, reason, created_at)
    select bench_uuid('r' || g), 'CN-B-' || g, patient_id, invoice_id, 'card', 1382, 'Lab test not done',
      t + interval '1 day'
    from (${rows}) r where refunded`);
  await db.execute(sql`
    insert into share_entries (invoice_id, line_id, provider_id, allocation_id, refund_id, amount_minor,
      doctor_minor, clinic_minor, tax_minor, at)
    select invoice_id, bench_uuid('l1-' || g), doctor_id, bench_uuid('a' || g), null::uuid, price1, price1 * 6 / 10,
      price1 - price1 * 6 / 10, 0, t
    from (${rows}) r where paid
    union all
    select invoice_id, bench_uuid('l2-' || g), null::uuid, bench_uuid('a' || g), null::uuid, 1382, 0, 1234, 148, t
    from (${rows}) r where paid and lab and not partial
    union all
    select invoice_id, bench_uuid('l2-' || g), null::uuid, null::uuid, bench_uuid('r' || g), -1382, 0, -1234, -148,
      t + interval '1 day'
    from (${rows}) r where refunded`);
}

/** A valid version-4 UUID made from a text (md5 with the version and variant digits set), so ids are reproducible. */
async function defineUuidFunction(db: Executor): Promise<void> {
  await db.execute(sql`
    create or replace function bench_uuid(t text) returns uuid language sql immutable as
    $$ select overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`);
}

/** Issued, unpaid one-line invoices for the payment-posting scenario, one per patient; returns their ids and totals. */
export async function freshInvoices(
  db: Executor,
  count: number,
  o: { patients: number; doctors: number; currency: string },
): Promise<{ id: string; patientId: string; total: number }[]> {
  const tag = `f${Date.now().toString(36)}-`;
  await db.execute(sql`
    insert into invoices (id, number, patient_id, status, currency, subtotal_minor, total_minor, created_at,
      updated_at, issued_at)
    select bench_uuid(${tag} || g), 'INV-' || ${tag} || g, bench_uuid('pt' || (g % ${o.patients})), 'issued',
      ${o.currency}, 7000, 7000, now(), now(), now()
    from generate_series(1, ${count}::int) g`);
  await db.execute(sql`
    insert into invoice_lines (invoice_id, position, kind, code, description, quantity, unit_price_minor,
      tax_rate_bp, provider_id, share_kind, share_basis_points, gross_minor, net_minor, line_tax_minor,
      total_minor, doctor_minor)
    select bench_uuid(${tag} || g), 1, 'consultation', 'CONS-F', 'Consultation', 1, 7000, 0,
      bench_uuid('d' || (1 + g % ${o.doctors})), 'percent', 6000, 7000, 7000, 0, 7000, 4200
    from generate_series(1, ${count}::int) g`);
  return queryRows(
    db,
    sql`select bench_uuid(${tag} || g)::text as id, bench_uuid('pt' || (g % ${o.patients}))::text as "patientId",
               7000 as total
        from generate_series(1, ${count}::int) g`,
  );
}
