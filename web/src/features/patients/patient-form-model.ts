import {
  type ALLERGY_SEVERITIES,
  type BLOOD_TYPES,
  type CIVIL_STATUSES,
  CreatePatientSchema,
  type IDENTIFIER_TYPES,
  type PATIENT_SEXES,
  type Patient,
  UpdatePatientSchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import { type FieldProblem, fieldProblemOf } from '../../lib/field-problem.ts';
import { isValidPhone } from '../../lib/phone.ts';

type PatientSex = (typeof PATIENT_SEXES)[number];
type CivilStatus = (typeof CIVIL_STATUSES)[number];
type BloodType = (typeof BLOOD_TYPES)[number];
type IdentifierType = (typeof IDENTIFIER_TYPES)[number];
type AllergySeverity = (typeof ALLERGY_SEVERITIES)[number];

export interface IdentifierRow {
  key: string;
  type: IdentifierType | '';
  value: string;
}
export interface ContactRow {
  key: string;
  name: string;
  relationship: string;
  phone: string;
  email: string;
}
export interface AllergyRow {
  key: string;
  substance: string;
  reaction: string;
  severity: AllergySeverity | '';
}
export interface ConditionRow {
  key: string;
  name: string;
  icd10Code: string;
  since: string;
}

/** What the registration and edit form holds: text exactly as typed, '' for "not given". */
export interface PatientFormValues {
  givenName: string;
  middleName: string;
  familyName: string;
  suffix: string;
  preferredName: string;
  sex: PatientSex | '';
  gender: string;
  birthDate: string;
  civilStatus: CivilStatus | '';
  identifiers: IdentifierRow[];
  phone: string;
  altPhone: string;
  email: string;
  address: {
    line1: string;
    line2: string;
    city: string;
    region: string;
    postalCode: string;
    country: string;
  };
  emergencyContacts: ContactRow[];
  bloodType: BloodType | '';
  /** Only at registration; afterwards they are kept in the chart. */
  allergies: AllergyRow[];
  conditions: ConditionRow[];
  payer: { name: string; memberId: string; groupNumber: string };
}

let rowCounter = 0;
/** A stable key for a repeatable row (React keys; never sent). */
export function rowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export const emptyIdentifier = (): IdentifierRow => ({ key: rowKey(), type: '', value: '' });
export const emptyContact = (): ContactRow => ({
  key: rowKey(),
  name: '',
  relationship: '',
  phone: '',
  email: '',
});
export const emptyAllergy = (): AllergyRow => ({ key: rowKey(), substance: '', reaction: '', severity: '' });
export const emptyCondition = (): ConditionRow => ({ key: rowKey(), name: '', icd10Code: '', since: '' });

export function emptyPatientForm(): PatientFormValues {
  return {
    givenName: '',
    middleName: '',
    familyName: '',
    suffix: '',
    preferredName: '',
    sex: '',
    gender: '',
    birthDate: '',
    civilStatus: '',
    identifiers: [],
    phone: '',
    altPhone: '',
    email: '',
    address: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    emergencyContacts: [],
    bloodType: '',
    allergies: [],
    conditions: [],
    payer: { name: '', memberId: '', groupNumber: '' },
  };
}

/**
 * The form filled with a saved record, for editing. `phone` writes stored numbers as people type them
 * (the display format reads back to the same number).
 */
export function formFromPatient(
  patient: Patient,
  phone: (stored: string | null) => string = (stored) => stored ?? '',
): PatientFormValues {
  return {
    givenName: patient.givenName,
    middleName: patient.middleName ?? '',
    familyName: patient.familyName,
    suffix: patient.suffix ?? '',
    preferredName: patient.preferredName ?? '',
    sex: patient.sex,
    gender: patient.gender ?? '',
    birthDate: patient.birthDate,
    civilStatus: patient.civilStatus ?? '',
    identifiers: patient.identifiers.map((i) => ({ key: rowKey(), type: i.type, value: i.value })),
    phone: phone(patient.phone),
    altPhone: phone(patient.altPhone),
    email: patient.email ?? '',
    address: {
      line1: patient.address.line1 ?? '',
      line2: patient.address.line2 ?? '',
      city: patient.address.city ?? '',
      region: patient.address.region ?? '',
      postalCode: patient.address.postalCode ?? '',
      country: patient.address.country ?? '',
    },
    emergencyContacts: patient.emergencyContacts.map((c) => ({
      key: rowKey(),
      name: c.name,
      relationship: c.relationship,
      phone: phone(c.phone),
      email: c.email ?? '',
    })),
    bloodType: patient.bloodType ?? '',
    allergies: [],
    conditions: [],
    payer: {
      name: patient.payer?.name ?? '',
      memberId: patient.payer?.memberId ?? '',
      groupNumber: patient.payer?.groupNumber ?? '',
    },
  };
}

const blank = (s: string) => s.trim() === '';
const orUndefined = <T extends string>(s: T | ''): T | undefined => (s === '' ? undefined : s);

/** The address with only the lines that were filled in. */
function addressOf(values: PatientFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values.address)) if (!blank(value)) out[key] = value;
  return out;
}

/** Demographics as the API takes them (before the schema's own trimming); rows left wholly empty are dropped. */
function demographicsOf(values: PatientFormValues) {
  const payerGiven =
    !blank(values.payer.name) || !blank(values.payer.memberId) || !blank(values.payer.groupNumber);
  return {
    givenName: values.givenName,
    middleName: values.middleName,
    familyName: values.familyName,
    suffix: values.suffix,
    preferredName: values.preferredName,
    sex: orUndefined(values.sex),
    gender: values.gender,
    birthDate: values.birthDate,
    civilStatus: values.civilStatus === '' ? null : values.civilStatus,
    identifiers: values.identifiers
      .filter((i) => !(i.type === '' && blank(i.value)))
      .map((i) => ({ type: orUndefined(i.type), value: i.value })),
    phone: values.phone,
    altPhone: values.altPhone,
    email: values.email,
    address: addressOf(values),
    emergencyContacts: values.emergencyContacts
      .filter((c) => !(blank(c.name) && blank(c.relationship) && blank(c.phone) && blank(c.email)))
      .map((c) => ({ name: c.name, relationship: c.relationship, phone: c.phone, email: c.email })),
    bloodType: values.bloodType === '' ? null : values.bloodType,
    payer: payerGiven ? { ...values.payer } : null,
  };
}

/** The rows that survive the "wholly empty" filter keep their form index, so errors land on the right row. */
function keptIndexes<T>(rows: T[], empty: (row: T) => boolean): number[] {
  return rows.flatMap((row, index) => (empty(row) ? [] : [index]));
}

function remapRowPaths(errors: Record<string, string>, values: PatientFormValues): Record<string, string> {
  const maps: Record<string, number[]> = {
    identifiers: keptIndexes(values.identifiers, (i) => i.type === '' && blank(i.value)),
    emergencyContacts: keptIndexes(
      values.emergencyContacts,
      (c) => blank(c.name) && blank(c.relationship) && blank(c.phone) && blank(c.email),
    ),
    allergies: keptIndexes(
      values.allergies,
      (a) => blank(a.substance) && blank(a.reaction) && a.severity === '',
    ),
    conditions: keptIndexes(values.conditions, (c) => blank(c.name) && blank(c.icd10Code) && blank(c.since)),
  };
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const [list, index, ...rest] = path.split('.');
    const map = list ? maps[list] : undefined;
    if (map && index !== undefined && /^\d+$/.test(index)) {
      const original = map[Number(index)];
      out[[list, String(original ?? index), ...rest].join('.')] = message;
    } else out[path] = message;
  }
  return out;
}

export type CreatePatientBody = z.output<typeof CreatePatientSchema>;
export type UpdatePatientBody = z.output<typeof UpdatePatientSchema>;

/** A message for a field: a translation key with values, or the kind of problem a schema or the server named. */
export type FieldMessage =
  | {
      key: 'validation.required' | 'validation.email' | `patients.validation.${PatientValidationKey}`;
      max?: number;
    }
  | { problem: FieldProblem };

export type PatientValidationKey =
  | 'choose'
  | 'tooLong'
  | 'date'
  | 'birthDateFuture'
  | 'birthDateTooOld'
  | 'country'
  | 'icd10'
  | 'phone';

export type FieldMessages = Record<string, FieldMessage>;

type Issue = z.core.$ZodIssue;

/** How a schema issue is told to a person. Pure, so that the mapping is tested. */
export function messageForIssue(
  issue: Pick<Issue, 'code' | 'path' | 'message'> & { maximum?: unknown },
): FieldMessage {
  const last = String(issue.path[issue.path.length - 1] ?? '');
  if (last === 'email') return { key: 'validation.email' };
  if (last === 'birthDate' || last === 'since') {
    if (issue.message.includes('future')) return { key: 'patients.validation.birthDateFuture' };
    if (issue.message.includes('1900')) return { key: 'patients.validation.birthDateTooOld' };
    return { key: 'patients.validation.date' };
  }
  if (last === 'country') return { key: 'patients.validation.country' };
  if (last === 'icd10Code') return { key: 'patients.validation.icd10' };
  switch (issue.code) {
    case 'too_small':
      return { key: 'validation.required' };
    case 'too_big':
      return { key: 'patients.validation.tooLong', max: Number(issue.maximum) };
    case 'invalid_value':
    case 'invalid_type':
      return { key: 'patients.validation.choose' };
    default:
      return { problem: fieldProblemOf(issue.message) };
  }
}

function issuesToMessages(issues: readonly Issue[]): FieldMessages {
  const out: FieldMessages = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in out)) out[path] = messageForIssue(issue);
  }
  return out;
}

function remapMessages(messages: FieldMessages, values: PatientFormValues): FieldMessages {
  const keys = remapRowPaths(Object.fromEntries(Object.keys(messages).map((path) => [path, path])), values);
  const out: FieldMessages = {};
  // remapRowPaths keys by the new path and keeps the old one as the value.
  for (const [to, from] of Object.entries(keys)) {
    const message = messages[from];
    if (message) out[to] = message;
  }
  return out;
}

/** A required empty birth date says "required", not "not a date". */
function requiredBlanks(values: PatientFormValues): FieldMessages {
  return blank(values.birthDate) ? { birthDate: { key: 'validation.required' } } : {};
}

/**
 * Phones the server would refuse, by form path. Without the clinic's region (settings not loaded yet) a
 * local number cannot be judged, so nothing is said and the server decides.
 */
export function phoneProblems(values: PatientFormValues, region: string | undefined): FieldMessages {
  if (!region) return {};
  const out: FieldMessages = {};
  const check = (path: string, phone: string) => {
    if (!blank(phone) && !isValidPhone(phone, region)) out[path] = { key: 'patients.validation.phone' };
  };
  check('phone', values.phone);
  check('altPhone', values.altPhone);
  for (const [index, contact] of values.emergencyContacts.entries()) {
    check(`emergencyContacts.${index}.phone`, contact.phone);
  }
  return out;
}

function validated<T>(
  parsed: z.ZodSafeParseResult<T>,
  values: PatientFormValues,
  region: string | undefined,
): Validated<T> {
  const errors: FieldMessages = {
    ...(parsed.success ? {} : remapMessages(issuesToMessages(parsed.error.issues), values)),
    ...requiredBlanks(values),
    ...phoneProblems(values, region),
  };
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, body: parsed.data };
  return { ok: false, errors };
}

export type Validated<T> = { ok: true; body: T } | { ok: false; errors: FieldMessages };

/**
 * Checks the registration form with the contract's own schema and the phones against the clinic's region;
 * the body is what the server will accept.
 */
export function validateCreate(
  values: PatientFormValues,
  region: string | undefined,
  confirmDuplicate = false,
): Validated<CreatePatientBody> {
  const body = {
    ...demographicsOf(values),
    allergies: values.allergies
      .filter((a) => !(blank(a.substance) && blank(a.reaction) && a.severity === ''))
      .map((a) => ({ substance: a.substance, reaction: a.reaction, severity: orUndefined(a.severity) })),
    conditions: values.conditions
      .filter((c) => !(blank(c.name) && blank(c.icd10Code) && blank(c.since)))
      .map((c) => ({
        name: c.name,
        icd10Code: blank(c.icd10Code) ? null : c.icd10Code,
        since: blank(c.since) ? null : c.since,
      })),
    confirmDuplicate,
  };
  return validated(CreatePatientSchema.safeParse(body), values, region);
}

/** The same for editing: every demographic field is sent (identifiers replace the list). */
export function validateUpdate(
  values: PatientFormValues,
  region: string | undefined,
): Validated<UpdatePatientBody> {
  return validated(UpdatePatientSchema.safeParse(demographicsOf(values)), values, region);
}

/**
 * The server's field errors (already stripped of `body.`) mapped onto the form's fields. Phone numbers get
 * the phone message, since the server checks them against the clinic's region; the rest their kind.
 */
export function serverFieldMessages(
  fieldErrors: Record<string, string>,
  values: PatientFormValues,
): FieldMessages {
  const out: FieldMessages = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const last = path.split('.').pop() ?? '';
    out[path] =
      last === 'phone' || last === 'altPhone'
        ? { key: 'patients.validation.phone' }
        : { problem: fieldProblemOf(message) };
  }
  return remapMessages(out, values);
}

/**
 * The query of the duplicate check: what the form knows so far. Null when it knows too little. Phones go
 * only when valid in the clinic's region: the server refuses the whole check for a phone it cannot read.
 */
export function duplicateQueryOf(
  values: PatientFormValues,
  region: string | undefined,
): Record<string, string> | null {
  const query: Record<string, string> = {};
  const phone = (value: string) => !blank(value) && region !== undefined && isValidPhone(value, region);
  if (!blank(values.givenName)) query.givenName = values.givenName.trim();
  if (!blank(values.familyName)) query.familyName = values.familyName.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(values.birthDate)) query.birthDate = values.birthDate;
  if (phone(values.phone)) query.phone = values.phone.trim();
  if (phone(values.altPhone)) query.altPhone = values.altPhone.trim();
  const byName = query.givenName && query.familyName && query.birthDate;
  return byName || query.phone || query.altPhone ? query : null;
}
