import { type DicomJson, type DicomJsonElement, isDicomJson } from './dicomweb.ts';

/** Keywords of the attributes people look for most; other tags show their number alone. */
const KEYWORDS: Record<string, string> = {
  '00020000': 'FileMetaInformationGroupLength',
  '00020001': 'FileMetaInformationVersion',
  '00020002': 'MediaStorageSOPClassUID',
  '00020003': 'MediaStorageSOPInstanceUID',
  '00020010': 'TransferSyntaxUID',
  '00020012': 'ImplementationClassUID',
  '00020013': 'ImplementationVersionName',
  '00020016': 'SourceApplicationEntityTitle',
  '00080005': 'SpecificCharacterSet',
  '00080008': 'ImageType',
  '00080012': 'InstanceCreationDate',
  '00080013': 'InstanceCreationTime',
  '00080016': 'SOPClassUID',
  '00080018': 'SOPInstanceUID',
  '00080020': 'StudyDate',
  '00080021': 'SeriesDate',
  '00080022': 'AcquisitionDate',
  '00080023': 'ContentDate',
  '00080030': 'StudyTime',
  '00080031': 'SeriesTime',
  '00080032': 'AcquisitionTime',
  '00080033': 'ContentTime',
  '00080050': 'AccessionNumber',
  '00080056': 'InstanceAvailability',
  '00080060': 'Modality',
  '00080061': 'ModalitiesInStudy',
  '00080064': 'ConversionType',
  '00080070': 'Manufacturer',
  '00080080': 'InstitutionName',
  '00080081': 'InstitutionAddress',
  '00080090': 'ReferringPhysicianName',
  '00081010': 'StationName',
  '00081030': 'StudyDescription',
  '0008103E': 'SeriesDescription',
  '00081040': 'InstitutionalDepartmentName',
  '00081050': 'PerformingPhysicianName',
  '00081060': 'NameOfPhysiciansReadingStudy',
  '00081070': 'OperatorsName',
  '00081090': 'ManufacturerModelName',
  '00081140': 'ReferencedImageSequence',
  '00081150': 'ReferencedSOPClassUID',
  '00081155': 'ReferencedSOPInstanceUID',
  '00081190': 'RetrieveURL',
  '00082111': 'DerivationDescription',
  '00100010': 'PatientName',
  '00100020': 'PatientID',
  '00100021': 'IssuerOfPatientID',
  '00100030': 'PatientBirthDate',
  '00100040': 'PatientSex',
  '00101010': 'PatientAge',
  '00101020': 'PatientSize',
  '00101030': 'PatientWeight',
  '00102160': 'EthnicGroup',
  '00104000': 'PatientComments',
  '00180015': 'BodyPartExamined',
  '00180050': 'SliceThickness',
  '00180060': 'KVP',
  '00180088': 'SpacingBetweenSlices',
  '00181000': 'DeviceSerialNumber',
  '00181020': 'SoftwareVersions',
  '00181030': 'ProtocolName',
  '00181150': 'ExposureTime',
  '00181151': 'XRayTubeCurrent',
  '00181152': 'Exposure',
  '00181164': 'ImagerPixelSpacing',
  '00185100': 'PatientPosition',
  '00185101': 'ViewPosition',
  '0020000D': 'StudyInstanceUID',
  '0020000E': 'SeriesInstanceUID',
  '00200010': 'StudyID',
  '00200011': 'SeriesNumber',
  '00200012': 'AcquisitionNumber',
  '00200013': 'InstanceNumber',
  '00200020': 'PatientOrientation',
  '00200032': 'ImagePositionPatient',
  '00200037': 'ImageOrientationPatient',
  '00200052': 'FrameOfReferenceUID',
  '00200060': 'Laterality',
  '00201041': 'SliceLocation',
  '00201206': 'NumberOfStudyRelatedSeries',
  '00201208': 'NumberOfStudyRelatedInstances',
  '00201209': 'NumberOfSeriesRelatedInstances',
  '00280002': 'SamplesPerPixel',
  '00280004': 'PhotometricInterpretation',
  '00280006': 'PlanarConfiguration',
  '00280008': 'NumberOfFrames',
  '00280010': 'Rows',
  '00280011': 'Columns',
  '00280030': 'PixelSpacing',
  '00280100': 'BitsAllocated',
  '00280101': 'BitsStored',
  '00280102': 'HighBit',
  '00280103': 'PixelRepresentation',
  '00281050': 'WindowCenter',
  '00281051': 'WindowWidth',
  '00281052': 'RescaleIntercept',
  '00281053': 'RescaleSlope',
  '00281054': 'RescaleType',
  '00282110': 'LossyImageCompression',
  '00321032': 'RequestingPhysician',
  '00321060': 'RequestedProcedureDescription',
  '00400244': 'PerformedProcedureStepStartDate',
  '00400245': 'PerformedProcedureStepStartTime',
  '00400253': 'PerformedProcedureStepID',
  '00400254': 'PerformedProcedureStepDescription',
  '00400275': 'RequestAttributesSequence',
  '7FE00010': 'PixelData',
};

export type TagValueKind = 'value' | 'empty' | 'bulk' | 'sequence';

/** One line of the tags panel. Items of a sequence follow it, one level deeper. */
export interface TagRow {
  /** `(0010,0010)`. */
  tag: string;
  keyword: string;
  vr: string;
  kind: TagValueKind;
  /** The values joined with a backslash, as DICOM writes several; for a sequence, its number of items. */
  value: string;
  depth: number;
  /** Within a sequence: the 1-based item this row belongs to. */
  item: number | null;
  /** Unique within one instance: the tags and item numbers leading to this row (`00081140.1.00081155`). */
  path: string;
}

/** `00100010` → `(0010,0010)`. */
export function formatTag(key: string): string {
  const hex = key.toUpperCase();
  return /^[0-9A-F]{8}$/.test(hex) ? `(${hex.slice(0, 4)},${hex.slice(4)})` : key;
}

export function keywordOf(key: string): string {
  const hex = key.toUpperCase();
  if (KEYWORDS[hex]) return KEYWORDS[hex];
  // Private creators: (gggg,00xx) of an odd group.
  const group = Number.parseInt(hex.slice(0, 4), 16);
  const element = Number.parseInt(hex.slice(4), 16);
  if (group % 2 === 1 && element >= 0x10 && element <= 0xff) return 'PrivateCreator';
  return '';
}

/** A person name value: its alphabetic form (DICOM JSON writes `{Alphabetic: 'Doe^Jane'}`). */
function personName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const pn = value as { Alphabetic?: unknown; Ideographic?: unknown; Phonetic?: unknown };
    return [pn.Alphabetic, pn.Ideographic, pn.Phonetic]
      .filter((part): part is string => typeof part === 'string' && part.length > 0)
      .join('=');
  }
  return '';
}

function valueText(element: DicomJsonElement): string {
  const values = element.Value ?? [];
  return values
    .map((value) => {
      if (element.vr === 'PN') return personName(value);
      if (value === null || value === undefined) return '';
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
    })
    .join('\\');
}

/** How deep the panel goes into nested sequences; deeper items are counted, not listed. */
export const MAX_DEPTH = 4;

/**
 * The rows of the tags panel for one instance's DICOM JSON, in tag order: values as text, person names by
 * their alphabetic form, pixel and other bulk data as `bulk`, sequences followed by their items' rows.
 */
export function tagRows(json: DicomJson, depth = 0, item: number | null = null, parent = ''): TagRow[] {
  const rows: TagRow[] = [];
  const keys = Object.keys(json).sort((a, b) => a.toUpperCase().localeCompare(b.toUpperCase()));
  for (const key of keys) {
    const element = json[key];
    if (!element || typeof element !== 'object') continue;
    const base = {
      tag: formatTag(key),
      keyword: keywordOf(key),
      vr: element.vr ?? '',
      depth,
      item,
      path: parent ? `${parent}.${key}` : key,
    };
    if (element.BulkDataURI !== undefined || element.InlineBinary !== undefined) {
      rows.push({ ...base, kind: 'bulk', value: '' });
      continue;
    }
    if (element.vr === 'SQ') {
      const items = (element.Value ?? []).filter(isDicomJson);
      rows.push({ ...base, kind: 'sequence', value: String(items.length) });
      if (depth < MAX_DEPTH) {
        for (const [i, child] of items.entries())
          rows.push(...tagRows(child, depth + 1, i + 1, `${base.path}.${i + 1}`));
      }
      continue;
    }
    const text = valueText(element);
    rows.push({ ...base, kind: text === '' ? 'empty' : 'value', value: text });
  }
  return rows;
}

/** The rows whose tag, keyword or value contain the words typed (case-insensitive). */
export function filterTagRows(rows: readonly TagRow[], text: string): TagRow[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...rows];
  return rows.filter((row) =>
    [row.tag, row.tag.replace(/[(),]/g, ''), row.keyword, row.value].some((field) =>
      field.toLowerCase().includes(needle),
    ),
  );
}
