import type { Patient } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { formatPhone } from '../../lib/phone.ts';
import {
  duplicateQueryOf,
  emptyAllergy,
  emptyContact,
  emptyIdentifier,
  emptyPatientForm,
  formFromPatient,
  messageForIssue,
  type PatientFormValues,
  serverFieldMessages,
  validateCreate,
  validateUpdate,
} from './patient-form-model.ts';

function filled(): PatientFormValues {
  return {
    ...emptyPatientForm(),
    givenName: ' María ',
    familyName: 'Muñoz',
    sex: 'female',
    birthDate: '1985-03-14',
    phone: '(415) 555-2671',
    email: 'Maria@Example.org',
  };
}

const patient: Patient = {
  id: '3f2b8c1e-1111-4222-8333-444455556666',
  mrn: 'MRN-2024-000001',
  givenName: 'John',
  middleName: 'Paul',
  familyName: 'Smith',
  suffix: null,
  preferredName: null,
  displayName: 'John Paul Smith',
  sex: 'male',
  birthDate: '1970-07-01',
  phone: '+14155552671',
  photoUrl: null,
  mergedIntoId: null,
  gender: null,
  civilStatus: 'married',
  identifiers: [{ type: 'national', value: 'ABC123' }],
  altPhone: null,
  email: null,
  address: { city: 'Austin', country: 'US' },
  emergencyContacts: [{ name: 'Jane Smith', relationship: 'Wife', phone: '+12125550199', email: null }],
  bloodType: 'O+',
  payer: { name: 'Acme Health', memberId: 'M-1', groupNumber: null },
  allergies: [],
  conditions: [],
  userId: null,
  mergedAt: null,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

describe('validateCreate', () => {
  it('turns a filled form into the body the contract accepts', () => {
    const values = filled();
    values.identifiers = [{ ...emptyIdentifier(), type: 'national', value: ' abc123 ' }, emptyIdentifier()];
    values.allergies = [{ ...emptyAllergy(), substance: 'Penicillin', severity: 'severe' }, emptyAllergy()];
    const result = validateCreate(values, 'US');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).toMatchObject({
      givenName: 'María',
      middleName: null,
      sex: 'female',
      birthDate: '1985-03-14',
      phone: '(415) 555-2671',
      email: 'maria@example.org',
      identifiers: [{ type: 'national', value: 'ABC123' }],
      allergies: [{ substance: 'Penicillin', reaction: null, severity: 'severe' }],
      address: {},
      payer: null,
      confirmDuplicate: false,
    });
    expect(validateCreate(values, 'US', true)).toMatchObject({ body: { confirmDuplicate: true } });
  });

  it('names every bad field in words the form can translate', () => {
    const values = { ...emptyPatientForm(), email: 'not-an-email', birthDate: '' };
    const result = validateCreate(values, 'US');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.givenName).toEqual({ key: 'validation.required' });
    expect(result.errors.familyName).toEqual({ key: 'validation.required' });
    expect(result.errors.sex).toEqual({ key: 'patients.validation.choose' });
    expect(result.errors.birthDate).toEqual({ key: 'validation.required' });
    expect(result.errors.email).toEqual({ key: 'validation.email' });
  });

  it('refuses birth dates in the future', () => {
    const result = validateCreate({ ...filled(), birthDate: '2999-01-01' }, 'US');
    expect(result.ok ? null : result.errors.birthDate).toEqual({
      key: 'patients.validation.birthDateFuture',
    });
  });

  it('puts row errors on the row as the user sees it, also after skipped empty rows', () => {
    const values = filled();
    values.emergencyContacts = [emptyContact(), { ...emptyContact(), name: 'Jane' }];
    const result = validateCreate(values, 'US');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['emergencyContacts.1.relationship']).toEqual({ key: 'validation.required' });
    expect(result.errors['emergencyContacts.0.relationship']).toBeUndefined();
  });

  it('asks for both payer name and member number once either is given', () => {
    const values = filled();
    values.payer = { name: 'Acme', memberId: '', groupNumber: '' };
    const result = validateCreate(values, 'US');
    expect(result.ok ? null : result.errors['payer.memberId']).toEqual({ key: 'validation.required' });
  });
});

describe('formFromPatient and validateUpdate', () => {
  it('round-trips a saved record', () => {
    const values = formFromPatient(patient);
    expect(values.middleName).toBe('Paul');
    expect(values.emergencyContacts[0]?.phone).toBe('+12125550199');
    const result = validateUpdate(values, 'US');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).toMatchObject({
      givenName: 'John',
      middleName: 'Paul',
      civilStatus: 'married',
      identifiers: [{ type: 'national', value: 'ABC123' }],
      address: { city: 'Austin', country: 'US' },
      bloodType: 'O+',
      payer: { name: 'Acme Health', memberId: 'M-1', groupNumber: null },
      suffix: null,
    });
    expect(result.body).not.toHaveProperty('allergies');
  });

  it('writes stored phones as the display shows them, and they read back as valid', () => {
    const values = formFromPatient(patient, (stored) => formatPhone(stored, 'US'));
    expect(values.phone).toBe('(415) 555-2671');
    expect(values.emergencyContacts[0]?.phone).toBe('(212) 555-0199');
    expect(validateUpdate(values, 'US').ok).toBe(true);
  });

  it('clears optional fields with null', () => {
    const values = {
      ...formFromPatient(patient),
      middleName: '',
      civilStatus: '' as const,
      bloodType: '' as const,
    };
    const result = validateUpdate(values, 'US');
    expect(result.ok && result.body).toMatchObject({ middleName: null, civilStatus: null, bloodType: null });
  });
});

describe('serverFieldMessages', () => {
  it('translates phone refusals and reads other server words as kinds of problem', () => {
    const messages = serverFieldMessages(
      { phone: 'is not a valid phone number', 'identifiers.0.value': 'belongs to another patient' },
      filled(),
    );
    expect(messages.phone).toEqual({ key: 'patients.validation.phone' });
    expect(messages['identifiers.0.value']).toEqual({
      problem: { kind: 'other', detail: 'belongs to another patient', predicate: true },
    });
  });
});

describe('messageForIssue', () => {
  it('maps lengths and unknown issues', () => {
    expect(messageForIssue({ code: 'too_big', path: ['givenName'], message: '', maximum: 100 })).toEqual({
      key: 'patients.validation.tooLong',
      max: 100,
    });
    expect(messageForIssue({ code: 'custom', path: ['x'], message: 'odd' })).toEqual({
      problem: { kind: 'other', detail: 'odd', predicate: false },
    });
    expect(messageForIssue({ code: 'invalid_format', path: ['address', 'country'], message: '' })).toEqual({
      key: 'patients.validation.country',
    });
  });
});

describe('phones', () => {
  it("refuses numbers that are not valid in the clinic's region, also in contacts, before anything is sent", () => {
    const values = { ...filled(), phone: '(555) 201-3344', altPhone: '+44 20 7946 0958' };
    values.emergencyContacts = [{ ...emptyContact(), name: 'Jane', relationship: 'Wife', phone: '12345' }];
    const result = validateCreate(values, 'US');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      phone: { key: 'patients.validation.phone' },
      'emergencyContacts.0.phone': { key: 'patients.validation.phone' },
    });
    expect(validateUpdate({ ...formFromPatient(patient), phone: '(555) 201-3344' }, 'US').ok).toBe(false);
  });

  it('leaves phones to the server while the region is not known', () => {
    expect(validateCreate({ ...filled(), phone: '(555) 201-3344' }, undefined).ok).toBe(true);
  });

  it('sends a phone to the duplicate check only when it is valid', () => {
    expect(duplicateQueryOf({ ...emptyPatientForm(), phone: '(555) 201-3344' }, 'US')).toBeNull();
    expect(duplicateQueryOf({ ...filled(), phone: '(555) 201-3344' }, 'US')).toEqual({
      givenName: 'María',
      familyName: 'Muñoz',
      birthDate: '1985-03-14',
    });
    expect(duplicateQueryOf({ ...emptyPatientForm(), phone: '(415) 555-2671' }, undefined)).toBeNull();
  });
});

describe('duplicateQueryOf', () => {
  it('asks only once name and birth date, or a phone, are known', () => {
    expect(duplicateQueryOf(emptyPatientForm(), 'US')).toBeNull();
    expect(
      duplicateQueryOf({ ...emptyPatientForm(), givenName: 'Ana', familyName: 'Ruiz' }, 'US'),
    ).toBeNull();
    expect(duplicateQueryOf({ ...filled(), phone: '' }, 'US')).toEqual({
      givenName: 'María',
      familyName: 'Muñoz',
      birthDate: '1985-03-14',
    });
    expect(duplicateQueryOf({ ...emptyPatientForm(), phone: ' 4155552671 ' }, 'US')).toEqual({
      phone: '4155552671',
    });
  });
});
