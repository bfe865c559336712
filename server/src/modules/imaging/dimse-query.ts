import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { type DicomJson, type DicomJsonElement, firstText, type PersonName } from './dicom-json.ts';
import { DicomParseError, parseDataset } from './dicom-parse.ts';
import { encodeDataset } from './dicom-write.ts';
import { DimseFailure } from './dimse/index.ts';
import { queryIndex } from './qido.service.ts';
import { MATCHABLE, parseQidoQuery, QIDO_MAX_LIMIT, type QidoLevel } from './qido-query.ts';

const LEVELS: Record<string, QidoLevel | 'patient'> = {
  PATIENT: 'patient',
  STUDY: 'study',
  SERIES: 'series',
  IMAGE: 'instance',
};
const LEVEL_KEY = '00080052';
const CHARSET_KEY = '00080005';
const RETRIEVE_AE_KEY = '00080054';
const PATIENT_KEYS = ['00100010', '00100020', '00100030', '00100040', '00101000'];

/** A query value as QIDO-RS writes it: person names by their alphabetic form, multiple values joined by commas. */
function queryValue(element: DicomJsonElement): string {
  return (element.Value ?? [])
    .map((v) =>
      v !== null && typeof v === 'object' ? ((v as PersonName).Alphabetic ?? '') : String(v ?? ''),
    )
    .join(',');
}

export type DimseQuery = {
  level: QidoLevel | 'patient';
  identifier: DicomJson;
  matches: Record<string, string>;
};

/** Reads a C-FIND/C-MOVE/C-GET identifier: its level and the keys it matches on. */
export async function readIdentifier(bytes: Buffer, transferSyntaxUid: string): Promise<DimseQuery> {
  let identifier: DicomJson;
  try {
    identifier = await parseDataset(bytes, transferSyntaxUid);
  } catch (err) {
    if (err instanceof DicomParseError) throw new DimseFailure(0xa900, err.message.slice(0, 64));
    throw err;
  }
  const levelName = firstText(identifier, LEVEL_KEY) ?? '';
  const level = LEVELS[levelName.toUpperCase()];
  if (!level) throw new DimseFailure(0xa900, `unknown Query/Retrieve Level "${levelName}"`);
  const matches: Record<string, string> = {};
  for (const [key, element] of Object.entries(identifier)) {
    if (!MATCHABLE[key]) continue;
    const value = queryValue(element);
    if (value) matches[key] = value;
  }
  return { level, identifier, matches };
}

/** The index's answers to a query, as DICOM JSON, capped at QIDO_MAX_LIMIT. */
export async function searchIndex(ctx: AppContext, q: DimseQuery): Promise<DicomJson[]> {
  const level = q.level === 'patient' ? 'study' : q.level;
  const matches = Object.fromEntries(
    Object.entries(q.matches).filter(([key]) => q.level !== 'patient' || PATIENT_KEYS.includes(key)),
  );
  let query: ReturnType<typeof parseQidoQuery>;
  try {
    query = { ...parseQidoQuery(level, matches), includeFields: 'all', limit: QIDO_MAX_LIMIT };
  } catch (err) {
    if (err instanceof AppError) throw new DimseFailure(0xa900, err.message.slice(0, 64));
    throw err;
  }
  const results = await queryIndex(ctx, query, {}, '');
  if (q.level !== 'patient') return results;
  const patients = new Map<string, DicomJson>();
  for (const study of results) {
    const id = firstText(study, '00100020') ?? '';
    const known = patients.get(id);
    const count = Number(known?.['00201200']?.Value?.[0] ?? 0) + 1;
    patients.set(id, { ...(known ?? study), '00201200': { vr: 'IS', Value: [count] } });
  }
  return [...patients.values()];
}

/** One answer to a C-FIND: the keys the identifier asked for, filled from the index, in its transfer syntax. */
export function answer(q: DimseQuery, result: DicomJson, aeTitle: string, transferSyntaxUid: string): Buffer {
  const out: DicomJson = {};
  for (const [key, asked] of Object.entries(q.identifier)) out[key] = result[key] ?? { vr: asked.vr };
  out[LEVEL_KEY] = q.identifier[LEVEL_KEY] ?? { vr: 'CS' };
  out[CHARSET_KEY] = { vr: 'CS', Value: ['ISO_IR 192'] };
  out[RETRIEVE_AE_KEY] = { vr: 'AE', Value: [aeTitle] };
  return encodeDataset(out, transferSyntaxUid);
}
