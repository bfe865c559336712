import { describe, expect, it } from 'vitest';
import { parseCodesLine, searchTextOf } from './icd10-file.ts';
import { STARTER_ES_FILE, STARTER_FILE, starterLines, starterSpanish } from './icd10-starter.ts';

function codesOf(file: string): string[] {
  return starterLines(file)
    .filter((line) => line.trim())
    .map((line) => {
      const parsed = parseCodesLine(line);
      if (!parsed.ok) throw new Error(`${file}: ${line}: ${parsed.reason}`);
      return parsed.entry.code;
    });
}

describe('Spanish starter set', () => {
  it('has one Spanish description for every starter code and none for other codes', () => {
    const english = codesOf(STARTER_FILE);
    const spanish = codesOf(STARTER_ES_FILE);
    expect(english).toHaveLength(368);
    expect(new Set(spanish).size).toBe(spanish.length);
    expect([...spanish].sort()).toEqual([...english].sort());
  });

  it('holds the CIE-10 wording with its accents', () => {
    const spanish = starterSpanish();
    expect(spanish.get('J02.9')).toBe('Faringitis aguda, no especificada');
    expect(spanish.get('I10')).toBe('Hipertensión esencial (primaria)');
    expect(spanish.get('E11.9')).toBe('Diabetes mellitus tipo 2 sin complicaciones');
    for (const [code, text] of spanish) expect(text, code).not.toMatch(/unspecified|encounter/i);
  });
});

describe('searchTextOf', () => {
  it('folds both languages, English first, and the English alone when there is no Spanish', () => {
    expect(searchTextOf('Essential (primary) hypertension', 'Hipertensión esencial (primaria)')).toBe(
      'essential (primary) hypertension\nhipertension esencial (primaria)',
    );
    expect(searchTextOf('Cholera', null)).toBe('cholera');
  });
});
