import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { DicomJson, DicomJsonElement } from './dicom-json.ts';
import { PATIENT_LEVEL, SERIES_LEVEL, STUDY_LEVEL } from './dicom-levels.ts';
import * as repo from './qido.repository.ts';
import { parseQidoQuery, type QidoLevel } from './qido-query.ts';

/** The attributes each level returns unless asked for fewer (PS3.18 table 10.6.3-3/4/5). */
const STUDY_DEFAULTS = new Set([
  '00080005',
  '00080020',
  '00080030',
  '00080050',
  '00080056',
  '00080061',
  '00080090',
  '00081030',
  '00081190',
  '00100010',
  '00100020',
  '00100030',
  '00100040',
  '0020000D',
  '00200010',
  '00201206',
  '00201208',
]);
const SERIES_DEFAULTS = new Set([
  '00080005',
  '00080060',
  '0008103E',
  '00081190',
  '0020000D',
  '0020000E',
  '00200011',
  '00201209',
  '00400244',
  '00400245',
  '00400275',
]);
const INSTANCE_DEFAULTS = new Set([
  '00080005',
  '00080016',
  '00080018',
  '00080056',
  '00081190',
  '0020000D',
  '0020000E',
  '00200013',
  '00280010',
  '00280011',
  '00280100',
  '00280008',
]);

function wanted(defaults: Set<string>, include: Set<string> | 'all'): (key: string) => boolean {
  return include === 'all' ? () => true : (key) => defaults.has(key) || include.has(key);
}

/** The elements that pass `keep`, in tag order, as DICOM JSON wants them. */
function assemble(parts: DicomJson[], keep: (key: string) => boolean): DicomJson {
  const merged: DicomJson = {};
  for (const part of parts)
    for (const [key, element] of Object.entries(part)) if (keep(key)) merged[key] = element;
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const is = (vr: string, value: string | number): DicomJsonElement => ({ vr, Value: [value] });
const online = { '00080056': is('CS', 'ONLINE') };

function only(json: DicomJson, keys: readonly string[]): DicomJson {
  return Object.fromEntries(keys.filter((k) => json[k]).map((k) => [k, json[k] as DicomJsonElement]));
}

export type QidoScope = repo.QidoScope;

/**
 * A QIDO-RS search at one level, answered from the index alone, as DICOM JSON. The search is audited
 * (it lists patients' names) with the query that was asked.
 */
export async function searchQido(
  ctx: AppContext,
  actor: ActorContext,
  level: QidoLevel,
  rawQuery: Record<string, string | string[] | undefined>,
  scope: QidoScope,
  base: string,
): Promise<DicomJson[]> {
  const query = parseQidoQuery(level, rawQuery);
  const results = await queryIndex(ctx, query, scope, base);
  await writeReadAudit(ctx.db, actor, {
    action: `imaging.${level}.search`,
    resourceType: 'imaging-study',
    details: { query: rawQuery, ...scope, results: results.length },
  });
  return results;
}

/** Runs a parsed query against the index (no audit: the caller writes it), results in DICOM JSON. */
export async function queryIndex(
  ctx: AppContext,
  query: ReturnType<typeof parseQidoQuery>,
  scope: QidoScope,
  base: string,
): Promise<DicomJson[]> {
  if (query.level === 'study') {
    const keep = wanted(STUDY_DEFAULTS, query.includeFields);
    return (await repo.searchStudies(ctx.db, query)).map((row) => {
      const study = JSON.parse(row.attributes) as DicomJson;
      const uid = String(study['0020000D']?.Value?.[0] ?? '');
      const computed: DicomJson = {
        ...online,
        '00081190': is('UR', `${base}/studies/${uid}`),
        '00201206': is('IS', row.seriesCount),
        '00201208': is('IS', row.instanceCount),
      };
      computed['00080061'] = row.modalities ? { vr: 'CS', Value: row.modalities.split('\\') } : { vr: 'CS' };
      return assemble([study, computed], keep);
    });
  }
  if (query.level === 'series') {
    const keep = wanted(SERIES_DEFAULTS, query.includeFields);
    return (await repo.searchSeries(ctx.db, query, scope)).map((row) => {
      const series = JSON.parse(row.attributes) as DicomJson;
      const uid = String(series['0020000E']?.Value?.[0] ?? '');
      return assemble(
        [
          series,
          {
            '0020000D': is('UI', row.studyUid),
            '00081190': is('UR', `${base}/studies/${row.studyUid}/series/${uid}`),
            '00201209': is('IS', row.instanceCount),
          },
        ],
        keep,
      );
    });
  }
  const keep = wanted(INSTANCE_DEFAULTS, query.includeFields);
  return (await repo.searchInstances(ctx.db, query, scope)).map((row) => {
    const instance = JSON.parse(row.metadata) as DicomJson;
    const uid = String(instance['00080018']?.Value?.[0] ?? '');
    const parents =
      query.includeFields === 'all' || query.includeFields.size
        ? [
            only(JSON.parse(row.studyAttributes) as DicomJson, [...PATIENT_LEVEL, ...STUDY_LEVEL]),
            only(JSON.parse(row.seriesAttributes) as DicomJson, SERIES_LEVEL),
          ]
        : [];
    return assemble(
      [
        ...parents,
        instance,
        online,
        { '00081190': is('UR', `${base}/studies/${row.studyUid}/series/${row.seriesUid}/instances/${uid}`) },
      ],
      (key) => keep(key) && !instance[key]?.BulkDataURI,
    );
  });
}
