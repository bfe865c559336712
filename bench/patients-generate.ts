import { sql } from 'drizzle-orm';
import { normalizeName } from '../server/src/modules/patients/patient-names.ts';
import { type Executor, queryRows } from '../server/src/platform/db/database.ts';
import { CITIES, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, US_AREA_CODES } from './patients-names.ts';

const BATCH = 50_000;

/** A text[] literal, sent as one parameter (drizzle would spread a JS array into a list). */
function textArray(list: readonly string[]): string {
  return `{${list.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

type IndexDef = { name: string; def: string };

/** Secondary indexes of the patient tables (not those behind constraints): dropped for the load, rebuilt after. */
async function secondaryIndexes(db: Executor): Promise<IndexDef[]> {
  return queryRows<IndexDef>(
    db,
    sql`select i.indexname as name, i.indexdef as def
        from pg_indexes i
        where i.schemaname = 'public' and i.tablename in ('patients', 'patient_identifiers')
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
}

/**
 * Inserts n synthetic patients in bulk (INSERT … SELECT generate_series, names picked from small lists
 * with their normalised forms alongside), about 40% with a national ID, then rebuilds the indexes.
 * Returns the time spent, in ms, loading rows and building indexes.
 */
export async function generatePatients(
  db: Executor,
  n: number,
): Promise<{ loadMs: number; indexMs: number }> {
  const given = [...FEMALE_NAMES, ...MALE_NAMES];
  const params = {
    given: textArray(given),
    givenNorm: textArray(given.map(normalizeName)),
    female: FEMALE_NAMES.length,
    male: MALE_NAMES.length,
    family: textArray(FAMILY_NAMES),
    familyNorm: textArray(FAMILY_NAMES.map(normalizeName)),
    areas: textArray(US_AREA_CODES),
    cities: textArray(CITIES),
  };
  const indexes = await secondaryIndexes(db);
  for (const ix of indexes) await db.execute(sql.raw(`drop index if exists "${ix.name}"`));
  const started = performance.now();
  for (let from = 1; from <= n; from += BATCH) {
    const to = Math.min(n, from + BATCH - 1);
    await db.execute(sql`
      insert into patients (mrn, given_name, middle_name, family_name, preferred_name, search_name, sort_name,
        sex, birth_date, phone, email, address, created_at, updated_at)
      select
        'MRN-' || extract(year from r.created)::int || '-' || lpad(g::text, 7, '0'),
        (${params.given}::text[])[r.gi], (${params.given}::text[])[r.mi], (${params.family}::text[])[r.fi], null,
        concat_ws(' ', (${params.givenNorm}::text[])[r.gi], (${params.givenNorm}::text[])[r.mi],
          (${params.familyNorm}::text[])[r.fi]),
        concat_ws(' ', (${params.familyNorm}::text[])[r.fi], (${params.givenNorm}::text[])[r.gi],
          (${params.givenNorm}::text[])[r.mi]),
        case when r.gi <= ${params.female} then 'female' else 'male' end,
        date '1930-01-01' + r.age_days,
        case when r.has_phone then '+1' || (${params.areas}::text[])[r.ai] || r.local end,
        case when r.has_email then 'patient' || g || '@example.org' end,
        jsonb_build_object('line1', (g % 9000 + 1) || ' Main St', 'city', (${params.cities}::text[])[1 + g % ${CITIES.length}],
          'country', 'US'),
        r.created, r.created
      from generate_series(${from}::int, ${to}::int) g,
      lateral (
        select
          gi, case when random() < 0.4 then
            case when gi <= ${params.female} then 1 + floor(random() * ${params.female})::int
                 else ${params.female} + 1 + floor(random() * ${params.male})::int end end as mi,
          1 + floor(random() * ${FAMILY_NAMES.length})::int as fi,
          floor(random() * 34000)::int as age_days,
          random() < 0.8 as has_phone, random() < 0.5 as has_email,
          1 + floor(random() * ${US_AREA_CODES.length})::int as ai,
          (200 + floor(random() * 800)::int)::text || lpad(floor(random() * 10000)::int::text, 4, '0') as local,
          now() - (random() * interval '3650 days') as created
        from (select g as seed, 1 + floor(random() * ${given.length})::int as gi) s
      ) r`);
  }
  await db.execute(sql`
    insert into patient_identifiers (patient_id, type, value)
    select id, 'national', upper(substr(md5(id::text), 1, 12)) from patients where random() < 0.4
    on conflict do nothing`);
  await db.execute(sql`select setval('patient_mrn_seq', ${n}::bigint)`);
  const loaded = performance.now();
  await db.execute(sql`set maintenance_work_mem = '512MB'`);
  for (const ix of indexes) await db.execute(sql.raw(ix.def));
  await db.execute(sql`vacuum analyze patients`);
  await db.execute(sql`vacuum analyze patient_identifiers`);
  return { loadMs: loaded - started, indexMs: performance.now() - loaded };
}
