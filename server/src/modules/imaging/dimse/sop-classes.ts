/** SOP class UIDs (PS3.4) that the DIMSE layer knows by role. */
export const SopClass = {
  Verification: '1.2.840.10008.1.1',
  PatientRootFind: '1.2.840.10008.5.1.4.1.2.1.1',
  PatientRootMove: '1.2.840.10008.5.1.4.1.2.1.2',
  PatientRootGet: '1.2.840.10008.5.1.4.1.2.1.3',
  StudyRootFind: '1.2.840.10008.5.1.4.1.2.2.1',
  StudyRootMove: '1.2.840.10008.5.1.4.1.2.2.2',
  StudyRootGet: '1.2.840.10008.5.1.4.1.2.2.3',
  ModalityWorklistFind: '1.2.840.10008.5.1.4.31',
} as const;

export const storageSopClassRoot = '1.2.840.10008.5.1.4.1.1';

/** Every abstract syntax under 1.2.840.10008.5.1.4.1.1 is a storage SOP class. */
export function isStorageSopClass(uid: string): boolean {
  return uid.startsWith(`${storageSopClassRoot}.`);
}

export type QueryModel = 'patient' | 'study' | 'worklist';

const findClasses: Record<QueryModel, string> = {
  patient: SopClass.PatientRootFind,
  study: SopClass.StudyRootFind,
  worklist: SopClass.ModalityWorklistFind,
};

export function findSopClass(model: QueryModel): string {
  return findClasses[model];
}

export function moveSopClass(model: 'patient' | 'study'): string {
  return model === 'patient' ? SopClass.PatientRootMove : SopClass.StudyRootMove;
}

export function getSopClass(model: 'patient' | 'study'): string {
  return model === 'patient' ? SopClass.PatientRootGet : SopClass.StudyRootGet;
}

export const findSopClasses: readonly string[] = Object.values(findClasses);
export const moveSopClasses: readonly string[] = [SopClass.PatientRootMove, SopClass.StudyRootMove];
export const getSopClasses: readonly string[] = [SopClass.PatientRootGet, SopClass.StudyRootGet];

/** A few common storage classes, for SCUs that must name what they accept (C-GET). */
export const CommonStorageSopClass = {
  CtImage: '1.2.840.10008.5.1.4.1.1.2',
  MrImage: '1.2.840.10008.5.1.4.1.1.4',
  SecondaryCapture: '1.2.840.10008.5.1.4.1.1.7',
  XRayAngiographic: '1.2.840.10008.5.1.4.1.1.12.1',
  ComputedRadiography: '1.2.840.10008.5.1.4.1.1.1',
  DigitalXRayPresentation: '1.2.840.10008.5.1.4.1.1.1.1',
  UltrasoundImage: '1.2.840.10008.5.1.4.1.1.6.1',
  EncapsulatedPdf: '1.2.840.10008.5.1.4.1.1.104.1',
} as const;
