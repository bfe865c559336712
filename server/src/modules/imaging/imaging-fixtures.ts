import { createRequire } from 'node:module';

type Naturalized = Record<string, unknown>;
type DcmjsData = {
  DicomMetaDictionary: {
    denaturalizeDataset(dataset: Naturalized): Naturalized;
    uid(): string;
  };
  DicomDict: new (meta: Naturalized) => { dict: Naturalized; write(options?: Naturalized): ArrayBuffer };
};

const require = createRequire(import.meta.url);
const { data } = require('dcmjs') as { data: DcmjsData };

export const newUid = (): string => data.DicomMetaDictionary.uid();

export type FixtureOptions = {
  studyUid?: string;
  seriesUid?: string;
  sopInstanceUid?: string;
  sopClassUid?: string;
  patientId?: string;
  patientName?: string;
  patientBirthDate?: string;
  patientSex?: string;
  studyDate?: string;
  studyTime?: string;
  accessionNumber?: string;
  studyDescription?: string;
  modality?: string;
  seriesNumber?: number;
  instanceNumber?: number;
  rows?: number;
  columns?: number;
  frames?: number;
  extra?: Naturalized;
};

/**
 * A small, valid DICOM Part 10 file (explicit VR little endian, 16-bit monochrome pixels whose values are
 * their index), written with dcmjs: test data the tests make themselves, with the attributes they choose.
 */
export function makeDicom(o: FixtureOptions = {}): Buffer {
  const rows = o.rows ?? 4;
  const columns = o.columns ?? 4;
  const frames = o.frames ?? 1;
  const pixels = new Uint16Array(rows * columns * frames).map((_, i) => i);
  const sopClassUid = o.sopClassUid ?? '1.2.840.10008.5.1.4.1.1.7';
  const sopInstanceUid = o.sopInstanceUid ?? newUid();
  const dataset: Naturalized = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    StudyDate: o.studyDate ?? '20261201',
    StudyTime: o.studyTime ?? '093000',
    AccessionNumber: o.accessionNumber ?? 'ACC1',
    Modality: o.modality ?? 'OT',
    StudyDescription: o.studyDescription ?? 'Test study',
    PatientName: o.patientName ?? 'Doe^Jane',
    PatientID: o.patientId ?? 'PID-1',
    PatientBirthDate: o.patientBirthDate ?? '19800101',
    PatientSex: o.patientSex ?? 'F',
    StudyInstanceUID: o.studyUid ?? newUid(),
    SeriesInstanceUID: o.seriesUid ?? newUid(),
    StudyID: '1',
    SeriesNumber: String(o.seriesNumber ?? 1),
    InstanceNumber: String(o.instanceNumber ?? 1),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    ...(frames > 1 ? { NumberOfFrames: String(frames) } : {}),
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    ...o.extra,
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: 'OW' },
  };
  const meta = new data.DicomDict(
    data.DicomMetaDictionary.denaturalizeDataset({
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: sopClassUid,
      MediaStorageSOPInstanceUID: sopInstanceUid,
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
      ImplementationClassUID: '1.2.826.0.1.3680043.10.1083',
      ImplementationVersionName: 'CAREBASE-TEST',
    }),
  );
  meta.dict = data.DicomMetaDictionary.denaturalizeDataset(dataset);
  return Buffer.from(meta.write());
}

/** A multipart/related body of DICOM parts, as a STOW-RS client sends it. */
export function stowBody(
  files: readonly Buffer[],
  boundary = 'stow-boundary-1234',
): { body: Buffer; contentType: string } {
  const parts = files.flatMap((file) => [
    Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
    file,
    Buffer.from('\r\n'),
  ]);
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
}
