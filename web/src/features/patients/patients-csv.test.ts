import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './patients-csv.ts';

describe('csvCell', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('Muñoz, María')).toBe('"Muñoz, María"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('defuses formulas but keeps phone numbers and negative numbers as they are', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+cmd|x')).toBe("'+cmd|x");
    expect(csvCell('+14155552671')).toBe('+14155552671');
    expect(csvCell('-12')).toBe('-12');
  });
});

describe('toCsv', () => {
  it('writes a header, CRLF rows and a byte-order mark', () => {
    expect(
      toCsv(
        ['MRN', 'Name'],
        [
          ['MRN-1', 'Ana'],
          ['MRN-2', null],
        ],
      ),
    ).toBe('\uFEFFMRN,Name\r\nMRN-1,Ana\r\nMRN-2,\r\n');
  });
});
