import { AppError } from '../../platform/errors.ts';
import { attributeKey } from './dicom-keywords.ts';

export type QidoLevel = 'study' | 'series' | 'instance';

/** How a query attribute matches (PS3.4 C.2.2.2): the kinds the index supports. */
export type Match =
  | { kind: 'uids'; values: string[] }
  | { kind: 'text'; value: string; wildcard: boolean }
  | { kind: 'texts'; values: string[] }
  | { kind: 'range'; from: string | null; to: string | null }
  | { kind: 'number'; value: number };

type Rule = 'uid' | 'text' | 'name' | 'date' | 'time' | 'number' | 'list';

/** The attributes a query may match on, by level, with how each matches. */
export const MATCHABLE: Record<string, { level: QidoLevel; rule: Rule }> = {
  '00100010': { level: 'study', rule: 'name' }, // PatientName
  '00100020': { level: 'study', rule: 'text' }, // PatientID
  '00100030': { level: 'study', rule: 'date' }, // PatientBirthDate
  '00100040': { level: 'study', rule: 'text' }, // PatientSex
  '00101000': { level: 'study', rule: 'text' }, // OtherPatientIDs
  '0020000D': { level: 'study', rule: 'uid' }, // StudyInstanceUID
  '00080020': { level: 'study', rule: 'date' }, // StudyDate
  '00080030': { level: 'study', rule: 'time' }, // StudyTime
  '00080050': { level: 'study', rule: 'text' }, // AccessionNumber
  '00080061': { level: 'study', rule: 'list' }, // ModalitiesInStudy
  '00080090': { level: 'study', rule: 'name' }, // ReferringPhysicianName
  '00081030': { level: 'study', rule: 'text' }, // StudyDescription
  '00080080': { level: 'study', rule: 'text' }, // InstitutionName
  '00200010': { level: 'study', rule: 'text' }, // StudyID
  '0020000E': { level: 'series', rule: 'uid' }, // SeriesInstanceUID
  '00080060': { level: 'series', rule: 'list' }, // Modality
  '00200011': { level: 'series', rule: 'number' }, // SeriesNumber
  '0008103E': { level: 'series', rule: 'text' }, // SeriesDescription
  '00080021': { level: 'series', rule: 'date' }, // SeriesDate
  '00180015': { level: 'series', rule: 'text' }, // BodyPartExamined
  '00080018': { level: 'instance', rule: 'uid' }, // SOPInstanceUID
  '00080016': { level: 'instance', rule: 'uid' }, // SOPClassUID
  '00200013': { level: 'instance', rule: 'number' }, // InstanceNumber
};

const DEPTH: Record<QidoLevel, number> = { study: 0, series: 1, instance: 2 };

export type QidoQuery = {
  level: QidoLevel;
  matches: Map<string, Match>;
  /** Tag keys asked for besides the level's defaults; 'all' for everything the index has. */
  includeFields: Set<string> | 'all';
  fuzzy: boolean;
  limit: number;
  offset: number;
};

export const QIDO_MAX_LIMIT = 1000;
export const QIDO_DEFAULT_LIMIT = 100;

function refuse(field: string, message: string): never {
  throw new AppError('bad_request', `The query parameter ${field} ${message}.`, {
    fields: [{ path: `query.${field}`, message }],
  });
}

const DATE = /^\d{8}$/;
const TIME = /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/;

function rangeMatch(field: string, value: string, pattern: RegExp, what: string): Match {
  const [from = '', to, extra] = value.split('-');
  if (extra !== undefined || (from === '' && (to === undefined || to === '')))
    refuse(
      field,
      `must be a ${what} or a range such as ${what === 'date' ? '20240101-20241231' : '0800-1200'}`,
    );
  for (const part of [from, to ?? ''])
    if (part && !pattern.test(part)) refuse(field, `has "${part}", not a ${what}`);
  if (to === undefined) return { kind: 'range', from, to: from };
  return { kind: 'range', from: from || null, to: to || null };
}

function matchOf(field: string, rule: Rule, value: string): Match | null {
  if (value === '' || value === '*') return null;
  switch (rule) {
    case 'uid': {
      const values = value.split(/[\\,]/).map((v) => v.trim());
      if (values.some((v) => !/^[0-9]+(\.[0-9]+)*$/.test(v) || v.length > 64))
        refuse(field, 'must be a UID or a comma-separated list of UIDs');
      return { kind: 'uids', values };
    }
    case 'date':
      return rangeMatch(field, value, DATE, 'date');
    case 'time':
      return rangeMatch(field, value, TIME, 'time');
    case 'number': {
      const n = Number(value);
      if (!Number.isInteger(n)) refuse(field, 'must be an integer');
      return { kind: 'number', value: n };
    }
    case 'list': {
      const values = value
        .split(/[\\,]/)
        .map((v) => v.trim())
        .filter(Boolean);
      return values.length > 1
        ? { kind: 'texts', values }
        : { kind: 'text', value, wildcard: /[*?]/.test(value) };
    }
    default:
      if (value.length > 200) refuse(field, 'is longer than 200 characters');
      return { kind: 'text', value, wildcard: /[*?]/.test(value) };
  }
}

function count(field: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) refuse(field, `must be a whole number from 0 to ${max}`);
  return n;
}

/**
 * Reads a QIDO-RS query string (PS3.18 8.3.4): matching attributes by keyword or tag, includefield,
 * fuzzymatching, limit and offset. Anything it cannot honour is refused with the parameter named.
 */
export function parseQidoQuery(
  level: QidoLevel,
  query: Record<string, string | string[] | undefined>,
): QidoQuery {
  const matches = new Map<string, Match>();
  let includeFields: Set<string> | 'all' = new Set();
  const one = (name: string, value: string | string[] | undefined) =>
    Array.isArray(value) ? (value.length > 1 ? refuse(name, 'is given more than once') : value[0]) : value;
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    if (name === 'includefield') {
      for (const field of (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(','))) {
        const f = field.trim();
        if (!f) continue;
        if (f === 'all') includeFields = 'all';
        else {
          const key = attributeKey(f);
          if (!key) refuse('includefield', `names "${f}", which is not a DICOM attribute`);
          if (includeFields !== 'all') includeFields.add(key);
        }
      }
      continue;
    }
    if (['limit', 'offset', 'fuzzymatching'].includes(name)) continue;
    const key = attributeKey(name);
    if (!key) refuse(name, 'is not a DICOM attribute keyword or tag');
    const matchable = MATCHABLE[key];
    if (!matchable)
      refuse(name, 'cannot be matched on; the index matches on the attributes listed in the README');
    if (DEPTH[matchable.level] > DEPTH[level])
      refuse(name, `is a ${matchable.level}-level attribute, not one of this ${level} query`);
    const match = matchOf(name, matchable.rule, one(name, raw) ?? '');
    if (match) matches.set(key, match);
  }
  const fuzzy = one('fuzzymatching', query.fuzzymatching);
  if (fuzzy !== undefined && fuzzy !== 'true' && fuzzy !== 'false')
    refuse('fuzzymatching', 'must be true or false');
  return {
    level,
    matches,
    includeFields,
    fuzzy: fuzzy === 'true',
    limit: count('limit', one('limit', query.limit), QIDO_DEFAULT_LIMIT, QIDO_MAX_LIMIT),
    offset: count('offset', one('offset', query.offset), 0, 1_000_000),
  };
}
