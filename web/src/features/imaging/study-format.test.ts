import { describe, expect, it } from 'vitest';
import { dateRangeProblem, dicomNameText, dicomTimeText, isoOfDicomDate, matchOf } from './study-format.ts';

describe('DICOM values as people read them', () => {
  it('reads dates and times', () => {
    expect(isoOfDicomDate('20261201')).toBe('2026-12-01');
    expect(isoOfDicomDate('')).toBeNull();
    expect(isoOfDicomDate('20261301')).toBeNull();
    expect(isoOfDicomDate('2026-12-01')).toBeNull();
    expect(dicomTimeText('093000.123')).toBe('09:30');
    expect(dicomTimeText('09')).toBe('09:00');
    expect(dicomTimeText('')).toBe('');
  });

  it('writes person names family name first', () => {
    expect(dicomNameText('Doe^Jane')).toBe('Doe, Jane');
    expect(dicomNameText('Doe^Jane^Mary^Dr.^Jr')).toBe('Doe Jr, Dr. Jane Mary');
    expect(dicomNameText('ANONYMOUS')).toBe('ANONYMOUS');
    expect(dicomNameText('^Jane')).toBe('Jane');
    expect(dicomNameText('Yamada^Tarou=山田^太郎')).toBe('Yamada, Tarou');
    expect(dicomNameText('')).toBe('');
  });

  it('finds a date range that ends before it starts', () => {
    expect(dateRangeProblem('2026-02-01', '2026-01-01')).toBe('order');
    expect(dateRangeProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(dateRangeProblem('', '2026-01-01')).toBeNull();
  });
});

describe('matchOf', () => {
  it('puts the archive score (name likeness plus a half for the same birth date) into words', () => {
    expect(matchOf(1.38)).toBe('strong');
    expect(matchOf(1)).toBe('strong');
    expect(matchOf(0.7)).toBe('possible');
    expect(matchOf(0.2)).toBe('weak');
  });
});
