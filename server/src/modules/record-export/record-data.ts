import {
  type ATTACHMENT_KINDS,
  type AttachmentContentType,
  type CertificateStatus,
  type CertificateType,
  type DentalPlan,
  type DentalToothState,
  type Encounter,
  type EncounterType,
  type Patient,
  type Prescription,
  VITAL_MEASURES,
  type VitalMeasure,
  type Vitals,
} from '@carebase/contracts';

export type RecordCertificate = {
  number: string | null;
  type: CertificateType;
  title: string | null;
  status: CertificateStatus;
  validFrom: string | null;
  validTo: string | null;
  createdAt: Date;
};

export type RecordAttachment = {
  filename: string;
  kind: (typeof ATTACHMENT_KINDS)[number];
  contentType: AttachmentContentType;
  size: number;
  createdAt: Date;
};

/** One line for an encounter that is not printed in full. */
export type EncounterLine = {
  startedAt: Date;
  type: EncounterType;
  status: 'draft' | 'signed';
  providerName: string;
  primaryDiagnosis: { code: string; description: string; descriptionEs: string | null } | null;
};

export type LatestMeasures = Partial<Record<VitalMeasure | 'bmi', { value: number; takenAt: string }>>;

/** Everything the exported record shows, gathered after the access check. */
export type RecordData = {
  patient: Patient;
  /** The MRN of the record this one was merged into, if it was. */
  mergedIntoMrn: string | null;
  exportedAt: Date;
  /** Age in whole years on the export day, in the clinic's time zone. */
  age: number;
  /** A patient's own copy: signed encounters only. */
  portal: boolean;
  vitals: { latest: LatestMeasures; recent: Vitals[]; total: number };
  /** Newest first, with their full content. */
  encounters: Encounter[];
  /** Older encounters beyond the detailed ones, newest first, summarised. */
  olderEncounters: EncounterLine[];
  activeMedications: Prescription[];
  /** Prescriptions written in encounters that are not printed in full. */
  otherPrescriptions: Prescription[];
  dental: { teeth: DentalToothState[]; plans: DentalPlan[] };
  certificates: RecordCertificate[];
  attachments: RecordAttachment[];
};

/** Readings shown in the history table; the rest are counted. */
export const VITALS_HISTORY_ROWS = 30;
/** Encounters printed in full; older ones get one summary line each, so a long record stays printable. */
export const DETAILED_ENCOUNTERS = 200;

const LATEST_MEASURES = [...VITAL_MEASURES, 'bmi'] as const;

/** The newest value of each measure, from readings sorted newest first. */
export function latestMeasures(newestFirst: readonly Vitals[]): LatestMeasures {
  const latest: LatestMeasures = {};
  for (const measure of LATEST_MEASURES) {
    const reading = newestFirst.find((v) => v[measure] !== null);
    const value = reading?.[measure];
    if (reading && value !== null && value !== undefined)
      latest[measure] = { value, takenAt: reading.takenAt };
  }
  return latest;
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Whole years from a birth date (YYYY-MM-DD) to a day (YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  if (!by || !bm || !bd || !y || !m || !d) return 0;
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return Math.max(0, y - by - (hadBirthday ? 0 : 1));
}
