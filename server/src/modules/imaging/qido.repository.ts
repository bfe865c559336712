import { type SQL, sql } from 'drizzle-orm';
import { arrayParam, type Executor, queryRows } from '../../platform/db/database.ts';
import { personNameSearch } from './index-attributes.ts';
import { MATCHABLE, type Match, type QidoQuery } from './qido-query.ts';

/** The index column each matchable attribute is compared with (s = study, se = series, i = instance). */
const COLUMN: Record<string, string> = {
  '00100010': 's.patient_name_search',
  '00100020': 's.dicom_patient_id',
  '00100030': 's.patient_birth_date',
  '00100040': 's.patient_sex',
  '00101000': 's.other_patient_ids',
  '0020000D': 's.study_uid',
  '00080020': 's.study_date',
  '00080030': 's.study_time',
  '00080050': 's.accession_number',
  '00080090': 's.referring_physician_search',
  '00081030': 's.study_description',
  '00080080': 's.institution_name',
  '00200010': 's.study_id',
  '0020000E': 'se.series_uid',
  '00080060': 'se.modality',
  '00200011': 'se.series_number',
  '0008103E': 'se.series_description',
  '00080021': 'se.series_date',
  '00180015': 'se.body_part_examined',
  '00080018': 'i.sop_instance_uid',
  '00080016': 'i.sop_class_uid',
  '00200013': 'i.instance_number',
};

/** A DICOM wildcard pattern as a LIKE pattern: * any run, ? one character, everything else literal. */
export function likePattern(value: string): string {
  return value
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}

function nameCondition(column: SQL, match: Match & { kind: 'text' }, fuzzy: boolean): SQL {
  // Each literal run is normalised like the stored names (case and accents folded); wildcards stay.
  const pattern = match.value
    .split(/([*?])/)
    .map((piece) => (piece === '*' || piece === '?' ? piece : personNameSearch(piece)))
    .join('');
  const plain = pattern.replace(/[*?]/g, ' ').trim();
  const exact = match.wildcard ? sql`${column} like ${likePattern(pattern)}` : sql`${column} = ${pattern}`;
  if (!fuzzy || !plain) return exact;
  // Fuzzy: also names with a word like the query's (trigram word similarity), e.g. "jon" finds "john".
  return sql`(${exact} or ${column} like ${`${likePattern(plain)}%`} or ${plain} <% ${column})`;
}

function condition(key: string, match: Match, fuzzy: boolean): SQL {
  const column = sql.raw(COLUMN[key] ?? 'null');
  const rule = MATCHABLE[key]?.rule;
  if (key === '00080061') {
    const values = match.kind === 'texts' ? match.values : match.kind === 'text' ? [match.value] : [];
    return sql`exists (select 1 from imaging_series ms where ms.study_id = s.id and ms.modality = any(${arrayParam(values, 'text[]')}))`;
  }
  switch (match.kind) {
    case 'uids':
    case 'texts':
      return sql`${column} = any(${arrayParam(match.values, 'text[]')})`;
    case 'number':
      return sql`${column} = ${match.value}`;
    case 'range': {
      const parts: SQL[] = [sql`${column} <> ''`];
      if (match.from) parts.push(sql`${column} collate "C" >= ${match.from}`);
      if (match.to) parts.push(sql`left(${column}, ${match.to.length}) collate "C" <= ${match.to}`);
      return sql.join(parts, sql` and `);
    }
    case 'text':
      if (rule === 'name') return nameCondition(column, match, fuzzy);
      return match.wildcard
        ? sql`${column} ilike ${likePattern(match.value)}`
        : sql`${column} = ${match.value}`;
  }
}

function where(query: QidoQuery, scope: SQL[]): SQL {
  const parts = [...scope, ...[...query.matches].map(([key, match]) => condition(key, match, query.fuzzy))];
  return parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``;
}

export type StudyRow = {
  studyId: string;
  attributes: string;
  seriesCount: number;
  instanceCount: number;
  modalities: string | null;
};

export type SeriesRow = { studyUid: string; attributes: string; instanceCount: number };

export type InstanceRow = {
  studyUid: string;
  seriesUid: string;
  metadata: string;
  studyAttributes: string;
  seriesAttributes: string;
};

/** Narrows a search to one study or series (the path of the request), as conditions on s, se. */
export type QidoScope = { studyUid?: string; seriesUid?: string };

function scopeConditions(scope: QidoScope): SQL[] {
  const parts: SQL[] = [];
  if (scope.studyUid) parts.push(sql`s.study_uid = ${scope.studyUid}`);
  if (scope.seriesUid) parts.push(sql`se.series_uid = ${scope.seriesUid}`);
  return parts;
}

export function searchStudies(db: Executor, query: QidoQuery): Promise<StudyRow[]> {
  return queryRows<StudyRow>(
    db,
    sql`select s.id as "studyId", s.attributes,
          (select count(*)::int from imaging_series c where c.study_id = s.id) as "seriesCount",
          (select count(*)::int from imaging_instances c where c.study_id = s.id) as "instanceCount",
          (select string_agg(distinct c.modality, '\\') from imaging_series c
             where c.study_id = s.id and c.modality <> '') as modalities
        from imaging_studies s
        ${where(query, [])}
        order by s.study_date collate "C" desc, s.study_time desc, s.id
        limit ${query.limit} offset ${query.offset}`,
  );
}

export function searchSeries(db: Executor, query: QidoQuery, scope: QidoScope): Promise<SeriesRow[]> {
  return queryRows<SeriesRow>(
    db,
    sql`select s.study_uid as "studyUid", se.attributes,
          (select count(*)::int from imaging_instances c where c.series_id = se.id) as "instanceCount"
        from imaging_series se join imaging_studies s on s.id = se.study_id
        ${where(query, scopeConditions(scope))}
        order by s.study_date collate "C" desc, s.study_time desc, s.id, se.series_number nulls last, se.id
        limit ${query.limit} offset ${query.offset}`,
  );
}

export function searchInstances(db: Executor, query: QidoQuery, scope: QidoScope): Promise<InstanceRow[]> {
  return queryRows<InstanceRow>(
    db,
    sql`select s.study_uid as "studyUid", se.series_uid as "seriesUid", i.metadata,
          s.attributes as "studyAttributes", se.attributes as "seriesAttributes"
        from imaging_instances i
        join imaging_series se on se.id = i.series_id
        join imaging_studies s on s.id = i.study_id
        ${where(query, scopeConditions(scope))}
        order by s.study_date collate "C" desc, s.id, se.series_number nulls last, se.id,
          i.instance_number nulls last, i.id
        limit ${query.limit} offset ${query.offset}`,
  );
}
