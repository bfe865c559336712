import pg from 'pg';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from './patients-names.ts';

const MODALITIES = ['CT', 'MR', 'CR', 'US', 'DX', 'MG'];
const DESCRIPTIONS = ['Chest', 'Abdomen', 'Head', 'Knee', 'Spine', 'Pelvis', 'Shoulder', 'Hand'];

/** A random-but-repeatable pick (the same seed gives the same archive). */
function picker(seed: number) {
  let s = seed;
  return <T>(list: readonly T[]): T => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return list[s % list.length] as T;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

type Seeded = {
  uid: string;
  name: string;
  search: string;
  date: string;
  modality: string;
  description: string;
  attributes: string;
  n: number;
  sex: string;
};

/**
 * Indexes `count` studies (one series, one instance each, all naming one tiny blob) straight into the
 * database, as if they had been stored: what QIDO-RS searches, without spending hours storing files.
 */
export async function seedStudies(databaseUrl: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const pick = picker(42);
  const sha = '0'.repeat(64);
  await client.query(
    `insert into blobs (sha256, size, content_type) values ($1, 1, 'application/dicom') on conflict do nothing`,
    [sha],
  );
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    const rows: Seeded[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const female = i % 2 === 0;
      const given = pick(female ? FEMALE_NAMES : MALE_NAMES);
      const family = pick(FAMILY_NAMES);
      const date = `20${pad(15 + (i % 11), 2)}${pad(1 + (i % 12), 2)}${pad(1 + (i % 28), 2)}`;
      const uid = `1.2.826.0.1.3680043.10.1083.5.${i + 1}`;
      const modality = pick(MODALITIES);
      const description = `${pick(DESCRIPTIONS)} ${modality}`;
      const name = `${family}^${given}`;
      const attributes = JSON.stringify({
        '00080020': { vr: 'DA', Value: [date] },
        '00080050': { vr: 'SH', Value: [`A${i + 1}`] },
        '00081030': { vr: 'LO', Value: [description] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: name }] },
        '00100020': { vr: 'LO', Value: [`P${i + 1}`] },
        '0020000D': { vr: 'UI', Value: [uid] },
      });
      rows.push({
        uid,
        name,
        search: `${family} ${given}`.toLowerCase(),
        date,
        modality,
        description,
        attributes,
        n: i + 1,
        sex: female ? 'F' : 'M',
      });
    }
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    await client.query(
      `with s as (
         insert into imaging_studies (study_uid, link, dicom_patient_id, patient_name, patient_name_search,
           patient_sex, study_date, study_time, accession_number, study_description, attributes)
         select u, 'unmatched', 'P' || n, name, search, sex, d, '101500', 'A' || n, descr, attrs
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
           as t(u, name, search, sex, d, descr, attrs, n)
         returning id, study_uid),
       se as (
         insert into imaging_series (study_id, series_uid, modality, attributes)
         select s.id, s.study_uid || '.1', m, '{}' from s join unnest($1::text[], $9::text[]) as x(u, m) on x.u = s.study_uid
         returning id, study_id, series_uid)
       insert into imaging_instances (study_id, series_id, sop_instance_uid, sop_class_uid, transfer_syntax_uid,
         sha256, size, dataset_offset, metadata, frames, bulk, warnings, source)
       select se.study_id, se.id, se.series_uid || '.1', '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1',
         $10, 1, 0, '{}', '{"kind":"none"}', '{}', '[]', 'stow' from se`,
      [
        col('uid'),
        col('name'),
        col('search'),
        col('sex'),
        col('date'),
        col('description'),
        col('attributes'),
        col('n'),
        col('modality'),
        sha,
      ],
    );
  }
  await client.query('analyze imaging_studies; analyze imaging_series; analyze imaging_instances');
  await client.end();
}
