import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import {
  allergyConflictOf,
  drugLine,
  emptyPrescriptionRow,
  validatePrescriptions,
} from './prescription-model.ts';

const amoxicillin = {
  ...emptyPrescriptionRow(),
  drug: 'Amoxicillin',
  strength: '500 mg',
  dose: '1 capsule',
  route: 'oral',
  frequency: 'every 8 hours',
  durationDays: '7',
  quantity: '21',
};

describe('validatePrescriptions', () => {
  it('builds the body with numbers and without blank optional fields', () => {
    expect(validatePrescriptions([amoxicillin])).toEqual({
      ok: true,
      body: {
        items: [
          {
            drug: 'Amoxicillin',
            strength: '500 mg',
            dose: '1 capsule',
            route: 'oral',
            frequency: 'every 8 hours',
            durationDays: 7,
            quantity: 21,
          },
        ],
      },
    });
    expect(validatePrescriptions([amoxicillin], 'Tolerated amoxicillin in 2023')).toMatchObject({
      body: { allergyOverrideReason: 'Tolerated amoxicillin in 2023' },
    });
  });

  it('names missing fields, bad numbers and a too short override reason', () => {
    const result = validatePrescriptions([{ ...amoxicillin, dose: '', quantity: '2.5' }], 'no');
    expect(result).toEqual({
      ok: false,
      errors: {
        'items.0.dose': { key: 'validation.required' },
        'items.0.quantity': { key: 'prescriptions.validation.whole' },
        allergyOverrideReason: { key: 'prescriptions.validation.overrideReason' },
      },
    });
  });
});

describe('allergyConflictOf', () => {
  it('recognises the allergy 409 and the rows it names', () => {
    const error = new ApiError({
      status: 409,
      code: 'conflict',
      errors: [{ path: 'body.items.0.drug', message: 'Amoxicillin is in the penicillin class' }],
    });
    expect(allergyConflictOf(error)).toEqual({
      warnings: [{ row: 0, message: 'Amoxicillin is in the penicillin class' }],
    });
  });

  it('ignores other conflicts and errors', () => {
    expect(allergyConflictOf(new ApiError({ status: 409, code: 'conflict' }))).toBeNull();
    expect(
      allergyConflictOf(
        new ApiError({
          status: 400,
          code: 'validation_failed',
          errors: [{ path: 'body.items.0.drug', message: 'x' }],
        }),
      ),
    ).toBeNull();
    expect(allergyConflictOf(new Error('x'))).toBeNull();
  });
});

describe('drugLine', () => {
  it('joins what is known', () => {
    expect(drugLine({ drug: 'Ibuprofen', strength: null, form: 'tablet' })).toBe('Ibuprofen tablet');
  });
});
