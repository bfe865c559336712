import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldNameOf, fieldProblemOf, wordsOfFieldName } from './field-problem.ts';

/** The message Zod itself gives for a value, as the server sends it. */
function zodMessage(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues[0]?.message ?? '';
}

describe('fieldProblemOf', () => {
  it('reads an empty required string, a missing value and "is required" as required', () => {
    expect(fieldProblemOf('Too small: expected string to have >=1 characters')).toEqual({ kind: 'required' });
    expect(fieldProblemOf(zodMessage(z.string().min(1), ''))).toEqual({ kind: 'required' });
    expect(fieldProblemOf(zodMessage(z.object({ a: z.string() }), {}))).toEqual({ kind: 'required' });
    expect(fieldProblemOf(zodMessage(z.array(z.string()).min(1), []))).toEqual({ kind: 'required' });
    expect(fieldProblemOf('is required')).toEqual({ kind: 'required' });
  });

  it('reads lengths, counts and number bounds with their limits', () => {
    expect(fieldProblemOf(zodMessage(z.string().min(8), 'abc'))).toEqual({ kind: 'tooShort', min: 8 });
    expect(fieldProblemOf(zodMessage(z.string().max(100), 'x'.repeat(101)))).toEqual({
      kind: 'tooLong',
      max: 100,
    });
    expect(fieldProblemOf(zodMessage(z.array(z.number()).min(2), [1]))).toEqual({ kind: 'tooFew', min: 2 });
    expect(fieldProblemOf(zodMessage(z.array(z.number()).max(3), [1, 2, 3, 4]))).toEqual({
      kind: 'tooMany',
      max: 3,
    });
    expect(fieldProblemOf(zodMessage(z.number().min(5), 1))).toEqual({ kind: 'tooSmall', min: 5 });
    expect(fieldProblemOf(zodMessage(z.number().positive(), 0))).toEqual({ kind: 'tooSmall', min: 1 });
    expect(fieldProblemOf(zodMessage(z.number().max(480), 500))).toEqual({ kind: 'tooBig', max: 480 });
  });

  it('reads formats: email, web address, dates and times, ids, patterns', () => {
    expect(fieldProblemOf(zodMessage(z.email(), 'nope'))).toEqual({ kind: 'email' });
    expect(fieldProblemOf(zodMessage(z.url(), 'nope'))).toEqual({ kind: 'url' });
    expect(fieldProblemOf(zodMessage(z.iso.date(), '2024-13-45'))).toEqual({ kind: 'date' });
    expect(fieldProblemOf(zodMessage(z.iso.datetime(), 'soon'))).toEqual({ kind: 'dateTime' });
    expect(fieldProblemOf(zodMessage(z.uuid(), 'x'))).toEqual({ kind: 'choose' });
    expect(fieldProblemOf(zodMessage(z.string().regex(/^[a-z]+$/), 'A1'))).toEqual({ kind: 'format' });
  });

  it('reads choices, numbers and unknown fields', () => {
    expect(fieldProblemOf(zodMessage(z.enum(['a', 'b']), 'c'))).toEqual({ kind: 'choose' });
    expect(fieldProblemOf(zodMessage(z.literal('a'), 'c'))).toEqual({ kind: 'choose' });
    expect(fieldProblemOf(zodMessage(z.number(), 'ten'))).toEqual({ kind: 'number' });
    expect(fieldProblemOf(zodMessage(z.number().int(), 1.5))).toEqual({ kind: 'wholeNumber' });
    expect(fieldProblemOf(zodMessage(z.strictObject({}), { extra: 1 }))).toEqual({ kind: 'unknownField' });
    expect(fieldProblemOf('is not a known field')).toEqual({ kind: 'unknownField' });
    expect(fieldProblemOf('Invalid input')).toEqual({ kind: 'invalid' });
  });

  it('keeps the words of a message it does not know, so that they can be shown', () => {
    expect(fieldProblemOf('is already used by another department')).toEqual({
      kind: 'other',
      detail: 'is already used by another department',
      predicate: true,
    });
    expect(fieldProblemOf('an IANA time zone such as America/Mexico_City')).toEqual({
      kind: 'other',
      detail: 'an IANA time zone such as America/Mexico_City',
      predicate: false,
    });
  });
});

describe('field names', () => {
  it('names the last named part of a path, in words', () => {
    expect(fieldNameOf('emergencyContacts.0.phone')).toBe('phone');
    expect(fieldNameOf('rules.2')).toBe('rules');
    expect(fieldNameOf('')).toBe('');
    expect(wordsOfFieldName('departmentKey')).toBe('Department key');
    expect(wordsOfFieldName('smtp_host')).toBe('Smtp host');
  });
});
