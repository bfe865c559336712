import { TAG, tagKey } from './dicom-tags.ts';

/** Attributes of the patient, kept with each study (a study has one patient). */
export const PATIENT_LEVEL = [
  TAG.PatientName,
  TAG.PatientId,
  0x00100021, // IssuerOfPatientID
  TAG.PatientBirthDate,
  0x00100032, // PatientBirthTime
  TAG.PatientSex,
  TAG.OtherPatientIds,
  TAG.OtherPatientIdsSequence,
  0x00101010, // PatientAge
  0x00101020, // PatientSize
  0x00101030, // PatientWeight
  0x00104000, // PatientComments
].map(tagKey);

export const STUDY_LEVEL = [
  TAG.SpecificCharacterSet,
  TAG.StudyDate,
  TAG.StudyTime,
  TAG.AccessionNumber,
  TAG.InstitutionName,
  TAG.ReferringPhysicianName,
  TAG.StudyDescription,
  0x00081032, // ProcedureCodeSequence
  0x00081060, // NameOfPhysiciansReadingStudy
  TAG.StudyInstanceUid,
  TAG.StudyId,
].map(tagKey);

export const SERIES_LEVEL = [
  TAG.SeriesDate,
  0x00080031, // SeriesTime
  TAG.Modality,
  TAG.SeriesDescription,
  0x00081050, // PerformingPhysicianName
  TAG.BodyPartExamined,
  0x00180010, // ContrastBolusAgent
  0x00185100, // PatientPosition
  0x00200060, // Laterality
  TAG.SeriesInstanceUid,
  TAG.SeriesNumber,
  0x00400244, // PerformedProcedureStepStartDate
  0x00400245, // PerformedProcedureStepStartTime
  0x00400275, // RequestAttributesSequence
].map(tagKey);
