import { PriceItemCodeSchema } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { codeFromName, uniqueCode } from './price-item-code.ts';

describe('codeFromName', () => {
  it.each([
    ['General consultation', 'GENERAL-CONSULTATION'],
    ['Consulta médica (1ª vez)', 'CONSULTA-MEDICA-1A-VEZ'],
    ['  --Ñandú & co.--  ', 'NANDU-CO'],
    ['Straße 2', 'STRASSE-2'],
    ['診察', 'SERVICE'],
    ['A very long service name that goes on and on', 'A-VERY-LONG-SERVICE-NAME-THAT-GO'],
  ])('%s → %s, a valid code', (name, code) => {
    expect(codeFromName(name)).toBe(code);
    expect(PriceItemCodeSchema.parse(code)).toBe(code);
  });
});

describe('uniqueCode', () => {
  it('adds -2, -3… on a clash, shortened to fit 32 characters', () => {
    expect(uniqueCode('CONS', new Set())).toBe('CONS');
    expect(uniqueCode('CONS', new Set(['CONS', 'CONS-2']))).toBe('CONS-3');
    const long = `${'A'.repeat(30)}-B`;
    const code = uniqueCode(long, new Set([long]));
    expect(code).toBe(`${'A'.repeat(30)}-2`);
    expect(PriceItemCodeSchema.parse(code)).toBe(code);
  });
});
