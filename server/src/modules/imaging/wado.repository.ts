import { type SQL, sql } from 'drizzle-orm';
import { arrayParam, type Executor, queryRows } from '../../platform/db/database.ts';
import type { StoredFrames } from './imaging.schema.ts';

export type WadoScope = { studyUid: string; seriesUid?: string; sopInstanceUid?: string };

export type StoredInstance = {
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  sha256: string;
  size: number;
  patientId: string | null;
  studyId: string;
};

function scoped(scope: WadoScope): SQL {
  const parts = [sql`s.study_uid = ${scope.studyUid}`];
  if (scope.seriesUid) parts.push(sql`se.series_uid = ${scope.seriesUid}`);
  if (scope.sopInstanceUid) parts.push(sql`i.sop_instance_uid = ${scope.sopInstanceUid}`);
  return sql.join(parts, sql` and `);
}

const FROM = sql`from imaging_instances i
  join imaging_series se on se.id = i.series_id
  join imaging_studies s on s.id = i.study_id`;
const ORDER = sql`order by se.series_number nulls last, se.id, i.instance_number nulls last, i.id`;

export function instancesIn(db: Executor, scope: WadoScope): Promise<StoredInstance[]> {
  return queryRows<StoredInstance>(
    db,
    sql`select s.study_uid as "studyUid", se.series_uid as "seriesUid", i.sop_instance_uid as "sopInstanceUid",
          i.sop_class_uid as "sopClassUid", i.transfer_syntax_uid as "transferSyntaxUid", i.sha256,
          i.size::float8 as size, s.patient_id as "patientId", s.id as "studyId"
        ${FROM} where ${scoped(scope)} ${ORDER}`,
  );
}

export type MetadataRow = {
  seriesUid: string;
  sopInstanceUid: string;
  metadata: string;
  patientId: string | null;
  studyId: string;
};

export function metadataIn(db: Executor, scope: WadoScope): Promise<MetadataRow[]> {
  return queryRows<MetadataRow>(
    db,
    sql`select se.series_uid as "seriesUid", i.sop_instance_uid as "sopInstanceUid", i.metadata,
          s.patient_id as "patientId", s.id as "studyId"
        ${FROM} where ${scoped(scope)} ${ORDER}`,
  );
}

export type FramesRow = StoredInstance & {
  frames: StoredFrames;
  bulk: Record<string, [number, number]>;
  metadata: string;
};

export async function instanceForFrames(db: Executor, scope: WadoScope): Promise<FramesRow | undefined> {
  const [row] = await queryRows<FramesRow>(
    db,
    sql`select s.study_uid as "studyUid", se.series_uid as "seriesUid", i.sop_instance_uid as "sopInstanceUid",
          i.sop_class_uid as "sopClassUid", i.transfer_syntax_uid as "transferSyntaxUid", i.sha256,
          i.size::float8 as size, s.patient_id as "patientId", s.id as "studyId", i.frames, i.bulk, i.metadata
        ${FROM} where ${scoped(scope)}`,
  );
  return row;
}

export type RetrieveKeys = {
  patientIds?: string[];
  studyUids?: string[];
  seriesUids?: string[];
  sopInstanceUids?: string[];
};

export type RetrievableInstance = {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  sha256: string;
  size: number;
  datasetOffset: number;
  studyId: string;
  patientId: string | null;
};

/** The instances a C-MOVE or C-GET identifier names (at least one key must be given; capped). */
export function instancesToRetrieve(
  db: Executor,
  keys: RetrieveKeys,
  cap: number,
): Promise<RetrievableInstance[]> {
  const parts: SQL[] = [];
  const any = (column: string, values: string[] | undefined) => {
    if (values?.length) parts.push(sql`${sql.raw(column)} = any(${arrayParam(values, 'text[]')})`);
  };
  any('s.dicom_patient_id', keys.patientIds);
  any('s.study_uid', keys.studyUids);
  any('se.series_uid', keys.seriesUids);
  any('i.sop_instance_uid', keys.sopInstanceUids);
  if (!parts.length) return Promise.resolve([]);
  return queryRows<RetrievableInstance>(
    db,
    sql`select i.sop_class_uid as "sopClassUid", i.sop_instance_uid as "sopInstanceUid",
          i.transfer_syntax_uid as "transferSyntaxUid", i.sha256, i.size::float8 as size,
          i.dataset_offset as "datasetOffset", s.id as "studyId", s.patient_id as "patientId"
        ${FROM} where ${sql.join(parts, sql` and `)} ${ORDER} limit ${cap}`,
  );
}
