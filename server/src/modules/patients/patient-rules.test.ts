import { formatMrn, mrnFormatProblem } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { displayNameOf, normalizeName, searchNameOf, sortNameOf } from './patient-names.ts';
import { searchPhoneOf, toE164 } from './patient-phones.ts';

describe('normalizeName', () => {
  it('folds case, accents and letters Unicode does not decompose; punctuation becomes one space', () => {
    expect(normalizeName('Muñoz')).toBe('munoz');
    expect(normalizeName("  O'Connor-Pérez,  José ")).toBe('o connor perez jose');
    expect(normalizeName('Øvergård Weiß Łukasz Þórsson Yılmaz Æsa')).toBe(
      'overgard weiss lukasz thorsson yilmaz aesa',
    );
    expect(normalizeName('Nguyễn Trần')).toBe('nguyen tran');
    expect(normalizeName('%_\\')).toBe('');
  });

  it('builds the given-first search key, the family-first sort key and the display name', () => {
    const p = {
      givenName: 'María',
      middleName: 'José',
      familyName: 'Peña',
      suffix: 'Jr.',
      preferredName: 'Majo',
    };
    expect(searchNameOf(p)).toBe('maria jose pena majo');
    expect(sortNameOf(p)).toBe('pena maria jose');
    expect(displayNameOf(p)).toBe('María José Peña Jr.');
    expect(sortNameOf({ givenName: 'Ana', familyName: 'Cruz', middleName: null })).toBe('cruz ana');
  });
});

describe('MRN format', () => {
  it('accepts {YYYY}, {YY} and one {SEQ:n}, and formats with zero padding that may grow', () => {
    expect(mrnFormatProblem('MRN-{YYYY}-{SEQ:6}')).toBeNull();
    expect(formatMrn('MRN-{YYYY}-{SEQ:6}', 42, 2026)).toBe('MRN-2026-000042');
    expect(formatMrn('P{YY}/{SEQ:3}', 12345n, 2009)).toBe('P09/12345');
    expect(formatMrn('{SEQ:1}', 7, 2026)).toBe('7');
  });

  it('explains what is wrong with a format', () => {
    expect(mrnFormatProblem('')).toMatch(/1 to 40/);
    expect(mrnFormatProblem('MRN-{YYYY}')).toMatch(/exactly one/);
    expect(mrnFormatProblem('{SEQ:3}{SEQ:3}')).toMatch(/exactly one/);
    expect(mrnFormatProblem('{SEQ:0}')).toMatch(/1 to 12/);
    expect(mrnFormatProblem('{SEQ:20}')).toMatch(/1 to 12/);
    expect(mrnFormatProblem('MRN {SEQ:4}')).toMatch(/only letters/);
    expect(mrnFormatProblem('{MM}{SEQ:4}')).toMatch(/only letters/);
  });
});

describe('phones', () => {
  it('stores valid numbers as E.164, local ones in the default region', () => {
    expect(toE164('(201) 555-0123', 'US')).toBe('+12015550123');
    expect(toE164('0917 123 4567', 'PH')).toBe('+639171234567');
    expect(toE164('+44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(toE164('555-0123', 'US')).toBeNull();
    expect(toE164('2015550123', 'ZZ')).toBeNull();
  });

  it('reads a search term as a phone only when it looks like one', () => {
    expect(searchPhoneOf('201.555.0123', 'US')).toBe('+12015550123');
    expect(searchPhoneOf('MRN-2026-000001', 'US')).toBeNull();
    expect(searchPhoneOf('12345', 'US')).toBeNull();
  });
});
