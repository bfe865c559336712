/** The DICOM JSON model (PS3.18 F.2): what QIDO-RS and WADO-RS metadata send, and what the index caches. */
export type PersonName = { Alphabetic?: string; Ideographic?: string; Phonetic?: string };
export type DicomJsonValue = string | number | null | PersonName | DicomJson;
export type DicomJsonElement = {
  vr: string;
  Value?: DicomJsonValue[];
  InlineBinary?: string;
  BulkDataURI?: string;
};
export type DicomJson = Record<string, DicomJsonElement>;

/** Stands for the archive's DICOMweb base URL in cached metadata; replaced with the real one when served. */
export const DICOMWEB_BASE_TOKEN = '@@dicomweb@@';

/** The first value of an element as text (a person name's alphabetic form), or undefined when it has none. */
export function firstText(json: DicomJson, key: string): string | undefined {
  const value = json[key]?.Value?.[0];
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') return 'Alphabetic' in value ? (value as PersonName).Alphabetic : undefined;
  return String(value);
}

export function firstNumber(json: DicomJson, key: string): number | undefined {
  const value = json[key]?.Value?.[0];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** Every value of an element as text. */
export function allTexts(json: DicomJson, key: string): string[] {
  return (json[key]?.Value ?? [])
    .map((v) => (v === null ? '' : typeof v === 'object' ? ((v as PersonName).Alphabetic ?? '') : String(v)))
    .filter((v) => v !== '');
}
