import type { ImagingStudyQuery } from '@carebase/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { arrayParam, type Executor, queryRows } from '../../platform/db/database.ts';
import { personNameSearch } from './index-attributes.ts';
import { likePattern } from './qido.repository.ts';

export type StudyRow = {
  id: string;
  studyUid: string;
  link: 'matched' | 'linked' | 'unmatched';
  patientId: string | null;
  dicomPatientId: string;
  dicomPatientName: string;
  dicomBirthDate: string;
  dicomSex: string;
  studyDate: string;
  studyTime: string;
  accessionNumber: string;
  description: string;
  referringPhysician: string;
  institution: string;
  modalities: string | null;
  seriesCount: number;
  instanceCount: number;
  size: number;
  createdAt: string;
  updatedAt: string;
};

const STUDY_COLUMNS = sql`s.id, s.study_uid as "studyUid", s.link, s.patient_id as "patientId",
  s.dicom_patient_id as "dicomPatientId", s.patient_name as "dicomPatientName",
  s.patient_birth_date as "dicomBirthDate", s.patient_sex as "dicomSex", s.study_date as "studyDate",
  s.study_time as "studyTime", s.accession_number as "accessionNumber", s.study_description as description,
  s.referring_physician_name as "referringPhysician", s.institution_name as institution,
  (select string_agg(distinct c.modality, '\\') from imaging_series c where c.study_id = s.id and c.modality <> '') as modalities,
  (select count(*)::int from imaging_series c where c.study_id = s.id) as "seriesCount",
  (select count(*)::int from imaging_instances c where c.study_id = s.id) as "instanceCount",
  (select coalesce(sum(c.size), 0)::float8 from imaging_instances c where c.study_id = s.id) as size,
  s.created_at::text as "createdAt", s.updated_at::text as "updatedAt"`;

const dicomDate = (iso: string) => iso.replaceAll('-', '');

/** The conditions of a study list; `patientIds` are patients whose MRN or identifier equals the search text. */
function conditions(q: ImagingStudyQuery, patientIds: string[]): SQL[] {
  const parts: SQL[] = [];
  if (q.q) {
    const name = personNameSearch(q.q);
    const text = `%${likePattern(q.q)}%`;
    const any: SQL[] = [
      sql`s.dicom_patient_id = ${q.q}`,
      sql`s.accession_number = ${q.q}`,
      sql`s.study_description ilike ${text}`,
    ];
    if (name) any.push(sql`s.patient_name_search like ${`%${likePattern(name)}%`}`);
    if (patientIds.length) any.push(sql`s.patient_id = any(${arrayParam(patientIds, 'uuid[]')})`);
    parts.push(sql`(${sql.join(any, sql` or `)})`);
  }
  if (q.from) parts.push(sql`s.study_date collate "C" >= ${dicomDate(q.from)}`);
  if (q.to) parts.push(sql`s.study_date collate "C" <= ${dicomDate(q.to)} and s.study_date <> ''`);
  if (q.modality)
    parts.push(
      sql`exists (select 1 from imaging_series m where m.study_id = s.id and m.modality = ${q.modality})`,
    );
  if (q.link) parts.push(sql`s.link = ${q.link}`);
  if (q.patientId) parts.push(sql`s.patient_id = ${q.patientId}`);
  return parts;
}

export async function listStudies(db: Executor, q: ImagingStudyQuery, patientIds: string[]) {
  const parts = conditions(q, patientIds);
  const where = parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``;
  const [rows, count] = await Promise.all([
    queryRows<StudyRow>(
      db,
      sql`select ${STUDY_COLUMNS} from imaging_studies s ${where}
          order by s.study_date collate "C" desc, s.study_time desc, s.id limit ${q.limit} offset ${q.offset}`,
    ),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from imaging_studies s ${where}`),
  ]);
  return { rows, total: count[0]?.total ?? 0 };
}

export async function findStudy(db: Executor, id: string): Promise<StudyRow | undefined> {
  const [row] = await queryRows<StudyRow>(
    db,
    sql`select ${STUDY_COLUMNS} from imaging_studies s where s.id = ${id}`,
  );
  return row;
}

export type SeriesRow = {
  id: string;
  seriesUid: string;
  modality: string;
  seriesNumber: number | null;
  description: string;
  bodyPart: string;
  instanceCount: number;
  previewInstanceUid: string | null;
};

export function seriesOfStudy(db: Executor, studyId: string): Promise<SeriesRow[]> {
  return queryRows<SeriesRow>(
    db,
    sql`select se.id, se.series_uid as "seriesUid", se.modality, se.series_number as "seriesNumber",
          se.series_description as description, se.body_part_examined as "bodyPart",
          (select count(*)::int from imaging_instances i where i.series_id = se.id) as "instanceCount",
          (select i.sop_instance_uid from imaging_instances i where i.series_id = se.id
            order by i.instance_number nulls last, i.id
            offset (select count(*) / 2 from imaging_instances c where c.series_id = se.id) limit 1) as "previewInstanceUid"
        from imaging_series se where se.study_id = ${studyId}
        order by se.series_number nulls last, se.id`,
  );
}

export async function lockStudy(db: Executor, id: string) {
  const [row] = await queryRows<{
    id: string;
    studyUid: string;
    patientId: string | null;
    dicomPatientName: string;
  }>(
    db,
    sql`select id, study_uid as "studyUid", patient_id as "patientId", patient_name as "dicomPatientName"
        from imaging_studies where id = ${id} for update`,
  );
  return row;
}

export async function setStudyPatient(db: Executor, id: string, patientId: string) {
  await db.execute(
    sql`update imaging_studies set patient_id = ${patientId}, link = 'linked', updated_at = now() where id = ${id}`,
  );
}

/** Deletes a study (its series and instances go with it); the files go with the next garbage collection. */
export async function deleteStudy(db: Executor, id: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (delete from imaging_studies where id = ${id} returning 1) select count(*)::int as n from gone`,
  );
  return row?.n ?? 0;
}

export async function lockSeries(db: Executor, id: string) {
  const [row] = await queryRows<{
    id: string;
    seriesUid: string;
    studyId: string;
    patientId: string | null;
    studyUid: string;
  }>(
    db,
    sql`select se.id, se.series_uid as "seriesUid", se.study_id as "studyId", s.patient_id as "patientId",
          s.study_uid as "studyUid"
        from imaging_series se join imaging_studies s on s.id = se.study_id where se.id = ${id} for update of se, s`,
  );
  return row;
}

/** Deletes a series; the study goes too when it was its last. Returns whether the study went. */
export async function deleteSeries(db: Executor, id: string, studyId: string): Promise<boolean> {
  await db.execute(sql`delete from imaging_series where id = ${id}`);
  const [left] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from imaging_series where study_id = ${studyId}`,
  );
  if (left?.n) return false;
  await deleteStudy(db, studyId);
  return true;
}
