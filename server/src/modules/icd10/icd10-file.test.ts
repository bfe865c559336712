import { normalizeIcd10Code } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { detectIcd10Format, parseCodesLine, parseOrderLine } from './icd10-file.ts';

const order = (n: string, code: string, flag: string, short: string, long: string) =>
  `${n} ${code.padEnd(7)} ${flag} ${short.padEnd(60)} ${long}`;

describe('normalizeIcd10Code', () => {
  it('adds the dot after the category and upper-cases', () => {
    expect(normalizeIcd10Code('j069')).toBe('J06.9');
    expect(normalizeIcd10Code('J06.9')).toBe('J06.9');
    expect(normalizeIcd10Code(' i10 ')).toBe('I10');
    expect(normalizeIcd10Code('S93401A')).toBe('S93.401A');
  });

  it('refuses what is not shaped like a code', () => {
    for (const bad of ['', 'J0', '106.9', 'J06.99999', 'J06..9', 'hello'])
      expect(normalizeIcd10Code(bad)).toBeNull();
  });
});

describe('detectIcd10Format', () => {
  it('tells the order file by its 5-digit order number', () => {
    expect(detectIcd10Format(order('00001', 'A00', '0', 'Cholera', 'Cholera'))).toBe('order');
    expect(detectIcd10Format('A000    Cholera due to Vibrio cholerae 01, biovar cholerae')).toBe('codes');
  });
});

describe('parseCodesLine', () => {
  it('reads code and description', () => {
    expect(parseCodesLine('J069    Acute upper respiratory infection, unspecified')).toEqual({
      ok: true,
      entry: { code: 'J06.9', description: 'Acute upper respiratory infection, unspecified', billable: true },
    });
  });

  it('names what is wrong with a bad line', () => {
    expect(parseCodesLine('J069')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('description'),
    });
    expect(parseCodesLine('12345   Something')).toEqual({
      ok: false,
      reason: '"12345" is not an ICD-10 code',
    });
  });
});

describe('parseOrderLine', () => {
  it('reads the fixed columns, preferring the long description', () => {
    expect(
      parseOrderLine(
        order(
          '00002',
          'A000',
          '1',
          'Cholera due to Vibrio cholerae 01, biovar cholerae',
          'Cholera due to Vibrio cholerae 01, biovar cholerae',
        ),
      ),
    ).toEqual({
      ok: true,
      entry: {
        code: 'A00.0',
        description: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
        billable: true,
      },
    });
    expect(parseOrderLine(order('00001', 'A00', '0', 'Cholera', 'Cholera'))).toEqual({
      ok: true,
      entry: { code: 'A00', description: 'Cholera', billable: false },
    });
  });

  it('falls back to the short description when the long one is missing', () => {
    expect(parseOrderLine(order('04301', 'E11', '0', 'Type 2 diabetes mellitus', ''))).toMatchObject({
      ok: true,
      entry: { description: 'Type 2 diabetes mellitus' },
    });
  });

  it('refuses a wrong header flag or broken columns', () => {
    expect(parseOrderLine(order('00003', 'A001', '2', 'x', 'y'))).toMatchObject({ ok: false });
    expect(parseOrderLine('00003 A001 1 Cholera')).toMatchObject({ ok: false });
    expect(parseOrderLine('hello world')).toMatchObject({ ok: false });
  });
});
