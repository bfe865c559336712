import type { AppContext } from '../../app-context.ts';
import { imagingWorklist, type WorklistEntry } from '../appointments/imaging-worklist.ts';
import { addDays, localDateOf, zonedToUtc } from '../scheduling/zoned-time.ts';
import { type DicomJson, firstText } from './dicom-json.ts';
import { DicomParseError, parseDataset } from './dicom-parse.ts';
import { encodeDataset } from './dicom-write.ts';
import { DimseFailure } from './dimse/index.ts';

/** Modality Worklist Information Model - FIND (PS3.4 K.6.1). */
export const WORKLIST_FIND = '1.2.840.10008.5.1.4.31';
const SPS = '00400100';
const WORKLIST_LIMIT = 500;

const isoToDicom = (date: string) => date.replaceAll('-', '');
const dicomToIso = (date: string) => `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;

/** The days a worklist query asks for (SPS start date, a date or a range), today when it names none. */
function dayRange(date: string | undefined, timeZone: string): { from: Date; to: Date } {
  const today = localDateOf(new Date(), timeZone);
  const [first = '', last] = (date ?? '').split('-');
  if (date && !/^(\d{8})?(-(\d{8})?)?$/.test(date))
    throw new DimseFailure(0xa900, 'bad Scheduled Procedure Step Start Date');
  const fromDay = first ? dicomToIso(first) : date ? '1900-01-01' : today;
  const toDay = last === undefined ? fromDay : last ? dicomToIso(last) : '2999-12-31';
  return { from: zonedToUtc(fromDay, 0, timeZone), to: zonedToUtc(addDays(toDay, 1), 0, timeZone) };
}

/** A stable Study Instance UID for the study an appointment will make (2.25 + the appointment's UUID). */
function studyUidOf(appointmentId: string): string {
  return `2.25.${BigInt(`0x${appointmentId.replaceAll('-', '')}`).toString()}`;
}

const SEX: Record<string, string> = { female: 'F', male: 'M', intersex: 'O', unknown: '' };

function entryJson(e: WorklistEntry, timeZone: string, stationAe: string): DicomJson {
  const startsAt = new Date(e.startsAt);
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(startsAt)
    .replace(':', '');
  const text = (vr: string, value: string) => (value ? { vr, Value: [value] } : { vr });
  const accession = e.appointmentId.replaceAll('-', '').slice(0, 16).toUpperCase();
  return {
    '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
    '00080050': text('SH', accession),
    '00100010': { vr: 'PN', Value: [{ Alphabetic: `${e.familyName}^${e.givenName}` }] },
    '00100020': text('LO', e.mrn),
    '00100030': text('DA', isoToDicom(e.birthDate)),
    '00100040': text('CS', SEX[e.sex] ?? ''),
    '0020000D': text('UI', studyUidOf(e.appointmentId)),
    '00321060': text('LO', e.serviceName),
    '00401001': text('SH', accession),
    [SPS]: {
      vr: 'SQ',
      Value: [
        {
          '00080060': text('CS', e.modality),
          '00400001': text('AE', stationAe),
          '00400002': text('DA', isoToDicom(localDateOf(startsAt, timeZone))),
          '00400003': text('TM', `${local}00`),
          '00400006': e.providerName ? { vr: 'PN', Value: [{ Alphabetic: e.providerName }] } : { vr: 'PN' },
          '00400007': text('LO', e.serviceName),
          '00400009': text('SH', accession),
        },
      ],
    },
  };
}

/** Only the keys the query asked for, nested ones too, filled from the entry. */
function answerTo(query: DicomJson, entry: DicomJson): DicomJson {
  const out: DicomJson = {};
  for (const [key, asked] of Object.entries(query)) {
    const have = entry[key];
    if (asked.vr === 'SQ' && have?.vr === 'SQ') {
      const inner = (asked.Value?.[0] ?? {}) as DicomJson;
      const items = (have.Value ?? []) as DicomJson[];
      out[key] = {
        vr: 'SQ',
        Value: items.map((item) => (Object.keys(inner).length ? answerTo(inner, item) : item)),
      };
    } else out[key] = have ?? { vr: asked.vr };
  }
  out['00080005'] = { vr: 'CS', Value: ['ISO_IR 192'] };
  return out;
}

/**
 * Answers a modality's worklist query (C-FIND MWL) from booked appointments of imaging services: the day
 * asked (today by default), its modality, and the patient's MRN and name, as the index links studies.
 */
export async function worklistMatches(
  ctx: AppContext,
  identifier: Buffer,
  transferSyntaxUid: string,
  stationAe: string,
): Promise<Buffer[]> {
  let query: DicomJson;
  try {
    query = await parseDataset(identifier, transferSyntaxUid);
  } catch (err) {
    if (err instanceof DicomParseError) throw new DimseFailure(0xa900, err.message.slice(0, 64));
    throw err;
  }
  const step = (query[SPS]?.Value?.[0] ?? {}) as DicomJson;
  const { settings } = await ctx.settings.get(ctx.db);
  const range = dayRange(firstText(step, '00400002'), settings.timeZone);
  const modality = firstText(step, '00080060');
  const entries = await imagingWorklist(ctx.db, {
    ...range,
    modality: modality?.replace(/\*$/, '') || undefined,
    limit: WORKLIST_LIMIT,
  });
  const patientId = firstText(query, '00100020');
  const patientName = firstText(query, '00100010')?.toLowerCase().replace(/\*/g, '');
  return entries
    .map((e) => entryJson(e, settings.timeZone, stationAe))
    .filter((e) => !patientId || patientId === '*' || firstText(e, '00100020') === patientId)
    .filter(
      (e) =>
        !patientName ||
        (firstText(e, '00100010') ?? '').toLowerCase().includes(patientName.replace(/\^$/, '')),
    )
    .map((e) => encodeDataset(answerTo(query, e), transferSyntaxUid));
}
