import { normalizeName } from '../patients/patient-names.ts';
import { allTexts, type DicomJson, firstNumber, firstText } from './dicom-json.ts';
import { PATIENT_LEVEL, SERIES_LEVEL, STUDY_LEVEL } from './dicom-levels.ts';
import { DicomParseError } from './dicom-parse.ts';
import { TAG, tagKey } from './dicom-tags.ts';

const UID = /^[0-9]+(\.[0-9]+)*$/;
const k = tagKey;

function text(json: DicomJson, tag: number): string {
  return firstText(json, k(tag)) ?? '';
}

function integer(json: DicomJson, tag: number): number | null {
  const n = firstNumber(json, k(tag));
  return n !== undefined && Number.isInteger(n) && Math.abs(n) <= 2_147_483_647 ? n : null;
}

function requiredUid(json: DicomJson, tag: number, name: string): string {
  const uid = text(json, tag);
  if (!uid) throw new DicomParseError(`the ${name} ${tagLabelOf(tag)} is missing`);
  if (uid.length > 64 || !UID.test(uid))
    throw new DicomParseError(`the ${name} ${tagLabelOf(tag)} "${uid.slice(0, 80)}" is not a valid UID`);
  return uid;
}

function tagLabelOf(tag: number): string {
  const hex = k(tag);
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

/** A person name as name search compares it: "MUÑOZ^José" → "munoz jose". */
export function personNameSearch(name: string): string {
  return normalizeName(name.split('=')[0] ?? '');
}

function pick(json: DicomJson, keys: readonly string[]): string {
  const out: DicomJson = {};
  for (const key of keys) {
    const element = json[key];
    if (element) out[key] = element;
  }
  return JSON.stringify(out);
}

/** What the index keeps of one instance, read from its DICOM JSON; throws for missing or malformed UIDs. */
export function indexAttributes(json: DicomJson) {
  const patientName = text(json, TAG.PatientName);
  const referring = text(json, TAG.ReferringPhysicianName);
  return {
    study: {
      studyUid: requiredUid(json, TAG.StudyInstanceUid, 'Study Instance UID'),
      dicomPatientId: text(json, TAG.PatientId),
      patientName,
      patientNameSearch: personNameSearch(patientName),
      patientBirthDate: text(json, TAG.PatientBirthDate),
      patientSex: text(json, TAG.PatientSex),
      otherPatientIds: allTexts(json, k(TAG.OtherPatientIds)).join('\\'),
      studyDate: text(json, TAG.StudyDate),
      studyTime: text(json, TAG.StudyTime),
      studyId: text(json, TAG.StudyId),
      accessionNumber: text(json, TAG.AccessionNumber),
      studyDescription: text(json, TAG.StudyDescription),
      referringPhysicianName: referring,
      referringPhysicianSearch: personNameSearch(referring),
      institutionName: text(json, TAG.InstitutionName),
      attributes: pick(json, [...PATIENT_LEVEL, ...STUDY_LEVEL]),
    },
    series: {
      seriesUid: requiredUid(json, TAG.SeriesInstanceUid, 'Series Instance UID'),
      modality: text(json, TAG.Modality),
      seriesNumber: integer(json, TAG.SeriesNumber),
      seriesDescription: text(json, TAG.SeriesDescription),
      seriesDate: text(json, TAG.SeriesDate),
      bodyPartExamined: text(json, TAG.BodyPartExamined),
      attributes: pick(json, SERIES_LEVEL),
    },
    instance: {
      sopInstanceUid: requiredUid(json, TAG.SopInstanceUid, 'SOP Instance UID'),
      sopClassUid: requiredUid(json, TAG.SopClassUid, 'SOP Class UID'),
      instanceNumber: integer(json, TAG.InstanceNumber),
      rows: integer(json, TAG.Rows),
      columns: integer(json, TAG.Columns),
      numberOfFrames: integer(json, TAG.NumberOfFrames),
    },
  };
}

export type IndexedAttributes = ReturnType<typeof indexAttributes>;
