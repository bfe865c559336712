import { TransferSyntax } from './transfer-syntax-uids.ts';

/** Tags as numbers (group << 16 | element), for the elements the archive reads itself. */
export const TAG = {
  FileMetaGroupLength: 0x00020000,
  MediaStorageSopClassUid: 0x00020002,
  MediaStorageSopInstanceUid: 0x00020003,
  TransferSyntaxUid: 0x00020010,
  SpecificCharacterSet: 0x00080005,
  SopClassUid: 0x00080016,
  SopInstanceUid: 0x00080018,
  StudyDate: 0x00080020,
  SeriesDate: 0x00080021,
  StudyTime: 0x00080030,
  AccessionNumber: 0x00080050,
  Modality: 0x00080060,
  InstitutionName: 0x00080080,
  ReferringPhysicianName: 0x00080090,
  StudyDescription: 0x00081030,
  SeriesDescription: 0x0008103e,
  PatientName: 0x00100010,
  PatientId: 0x00100020,
  PatientBirthDate: 0x00100030,
  PatientSex: 0x00100040,
  OtherPatientIds: 0x00101000,
  OtherPatientIdsSequence: 0x00101002,
  BodyPartExamined: 0x00180015,
  StudyInstanceUid: 0x0020000d,
  SeriesInstanceUid: 0x0020000e,
  StudyId: 0x00200010,
  SeriesNumber: 0x00200011,
  InstanceNumber: 0x00200013,
  SamplesPerPixel: 0x00280002,
  PhotometricInterpretation: 0x00280004,
  PlanarConfiguration: 0x00280006,
  NumberOfFrames: 0x00280008,
  Rows: 0x00280010,
  Columns: 0x00280011,
  BitsAllocated: 0x00280100,
  BitsStored: 0x00280101,
  HighBit: 0x00280102,
  PixelRepresentation: 0x00280103,
  WindowCenter: 0x00281050,
  WindowWidth: 0x00281051,
  RescaleIntercept: 0x00281052,
  RescaleSlope: 0x00281053,
  ExtendedOffsetTable: 0x7fe00001,
  ExtendedOffsetTableLengths: 0x7fe00002,
  PixelData: 0x7fe00010,
  FloatPixelData: 0x7fe00008,
  DoubleFloatPixelData: 0x7fe00009,
  Item: 0xfffee000,
  ItemDelimitation: 0xfffee00d,
  SequenceDelimitation: 0xfffee0dd,
  DataSetTrailingPadding: 0xfffcfffc,
} as const;

/** The eight upper-case hex digits DICOM JSON keys elements by. */
export function tagKey(tag: number): string {
  return tag.toString(16).toUpperCase().padStart(8, '0');
}

export function tagLabel(tag: number): string {
  const hex = tagKey(tag);
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

/** Short names for the uncompressed syntaxes the parser and writer tell apart. */
export const TRANSFER_SYNTAX = {
  ImplicitLittle: TransferSyntax.ImplicitVRLittleEndian,
  ExplicitLittle: TransferSyntax.ExplicitVRLittleEndian,
  Deflated: TransferSyntax.DeflatedExplicitVRLittleEndian,
  ExplicitBig: TransferSyntax.ExplicitVRBigEndian,
} as const;

/** Transfer syntaxes whose pixel data is native (not encapsulated in fragments). */
export function isNativeSyntax(uid: string): boolean {
  return (
    uid === TRANSFER_SYNTAX.ImplicitLittle ||
    uid === TRANSFER_SYNTAX.ExplicitLittle ||
    uid === TRANSFER_SYNTAX.Deflated ||
    uid === TRANSFER_SYNTAX.ExplicitBig
  );
}
