import type { Allergy, Condition, Patient, PatientSummary } from '@carebase/contracts';
import { displayNameOf } from './patient-names.ts';
import type { AllergyRow, ConditionRow, IdentifierRow, PatientRow } from './patients.repository.ts';

export type SummaryRow = Pick<
  PatientRow,
  | 'id'
  | 'mrn'
  | 'givenName'
  | 'middleName'
  | 'familyName'
  | 'suffix'
  | 'preferredName'
  | 'sex'
  | 'birthDate'
  | 'phone'
  | 'photoSha256'
  | 'mergedIntoId'
>;

export function photoUrlOf(row: Pick<PatientRow, 'id' | 'photoSha256'>): string | null {
  return row.photoSha256 ? `/api/patients/${row.id}/photo?v=${row.photoSha256.slice(0, 16)}` : null;
}

export function toSummary(row: SummaryRow): PatientSummary {
  return {
    id: row.id,
    mrn: row.mrn,
    givenName: row.givenName,
    middleName: row.middleName,
    familyName: row.familyName,
    suffix: row.suffix,
    preferredName: row.preferredName,
    displayName: displayNameOf(row),
    sex: row.sex,
    birthDate: row.birthDate,
    phone: row.phone,
    photoUrl: photoUrlOf(row),
    mergedIntoId: row.mergedIntoId,
  };
}

export function toAllergy(row: AllergyRow): Allergy {
  return {
    id: row.id,
    substance: row.substance,
    reaction: row.reaction,
    severity: row.severity,
    status: row.status,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy,
  };
}

export function toCondition(row: ConditionRow): Condition {
  return {
    id: row.id,
    name: row.name,
    icd10Code: row.icd10Code,
    since: row.since,
    status: row.status,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy,
  };
}

export type PatientParts = {
  row: PatientRow;
  identifiers: IdentifierRow[];
  allergies: AllergyRow[];
  conditions: ConditionRow[];
};

export function toPatient({ row, identifiers, allergies, conditions }: PatientParts): Patient {
  return {
    ...toSummary(row),
    gender: row.gender,
    civilStatus: row.civilStatus,
    identifiers: identifiers.map((i) => ({ type: i.type, value: i.value })),
    altPhone: row.altPhone,
    email: row.email,
    address: row.address,
    emergencyContacts: row.emergencyContacts,
    bloodType: row.bloodType,
    payer: row.payer,
    allergies: allergies.map(toAllergy),
    conditions: conditions.map(toCondition),
    userId: row.userId,
    mergedAt: row.mergedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
