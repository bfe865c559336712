import {
  ALL_TEETH,
  checkDentalEntry,
  type DentalCondition,
  fdiToUniversal,
  PERMANENT_TEETH,
  PRIMARY_TEETH,
  type Surface,
  surfaceLabel,
  universalToFdi,
} from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { currentChart, planTotals } from './dental-chart.ts';

describe('FDI and Universal numbering', () => {
  it('has 32 permanent and 20 primary teeth', () => {
    expect(PERMANENT_TEETH).toHaveLength(32);
    expect(PRIMARY_TEETH).toHaveLength(20);
    expect(PERMANENT_TEETH.slice(0, 3)).toEqual([11, 12, 13]);
    expect(PRIMARY_TEETH.at(-1)).toBe(85);
  });

  it('maps the landmarks of the permanent dentition', () => {
    expect(fdiToUniversal(18)).toBe('1');
    expect(fdiToUniversal(11)).toBe('8');
    expect(fdiToUniversal(21)).toBe('9');
    expect(fdiToUniversal(28)).toBe('16');
    expect(fdiToUniversal(38)).toBe('17');
    expect(fdiToUniversal(31)).toBe('24');
    expect(fdiToUniversal(41)).toBe('25');
    expect(fdiToUniversal(48)).toBe('32');
    expect(fdiToUniversal(36)).toBe('19');
  });

  it('maps the primary dentition to A–T', () => {
    expect(fdiToUniversal(55)).toBe('A');
    expect(fdiToUniversal(51)).toBe('E');
    expect(fdiToUniversal(61)).toBe('F');
    expect(fdiToUniversal(65)).toBe('J');
    expect(fdiToUniversal(75)).toBe('K');
    expect(fdiToUniversal(71)).toBe('O');
    expect(fdiToUniversal(81)).toBe('P');
    expect(fdiToUniversal(85)).toBe('T');
  });

  it('is a bijection, and the inverse accepts lower case', () => {
    const universal = ALL_TEETH.map(fdiToUniversal);
    expect(new Set(universal).size).toBe(52);
    for (const tooth of ALL_TEETH) expect(universalToFdi(fdiToUniversal(tooth))).toBe(tooth);
    expect(universalToFdi('t')).toBe(85);
  });

  it('refuses numbers that are not teeth', () => {
    for (const bad of [0, 10, 19, 49, 56, 86, 91]) expect(() => fdiToUniversal(bad)).toThrow(RangeError);
    expect(() => universalToFdi('33')).toThrow(RangeError);
    expect(() => universalToFdi('U')).toThrow(RangeError);
  });
});

describe('surfaces', () => {
  const ok = (tooth: number, surfaces: string[], condition: DentalCondition) => {
    const r = checkDentalEntry(tooth, surfaces as never, condition);
    if ('problem' in r) throw new Error(r.problem.message);
    return r.surfaces;
  };
  const problem = (tooth: number, surfaces: string[], condition: DentalCondition) => {
    const r = checkDentalEntry(tooth, surfaces as never, condition);
    return 'problem' in r ? r.problem : null;
  };

  it('stores the aliases as canonical surfaces, in a fixed order', () => {
    expect(ok(11, ['I', 'F', 'P'], 'caries')).toEqual(['O', 'B', 'L']);
    expect(ok(46, ['L', 'D', 'M'], 'filling')).toEqual(['M', 'D', 'L']);
  });

  it('refuses incisal on molars, palatal on lower teeth, and a surface named twice', () => {
    expect(problem(36, ['I'], 'caries')).toMatchObject({ field: 'surfaces' });
    expect(problem(41, ['P'], 'caries')).toMatchObject({ field: 'surfaces' });
    expect(problem(11, ['O', 'I'], 'caries')?.message).toMatch(/twice/);
  });

  it('refuses surfaces on whole-tooth conditions and none on surface conditions', () => {
    for (const c of ['missing', 'extracted', 'implant', 'crown', 'bridge', 'root_canal'] as const) {
      expect(problem(16, ['O'], c)?.message).toMatch(/whole tooth/);
      expect(ok(16, [], c)).toEqual([]);
    }
    for (const c of ['caries', 'filling', 'sealant'] as const) {
      expect(problem(16, [], c)?.message).toMatch(/at least one surface/);
    }
  });

  it('refuses a tooth that does not exist', () => {
    expect(problem(19, ['O'], 'caries')).toMatchObject({ field: 'tooth' });
  });

  it('labels surfaces as clinicians name them on each tooth', () => {
    expect(surfaceLabel(11, 'O')).toBe('I');
    expect(surfaceLabel(11, 'B')).toBe('F');
    expect(surfaceLabel(11, 'L')).toBe('P');
    expect(surfaceLabel(41, 'L')).toBe('L');
    expect(surfaceLabel(16, 'O')).toBe('O');
    expect(surfaceLabel(46, 'B')).toBe('B');
  });
});

describe('currentChart', () => {
  let seq = 0;
  const e = (tooth: number, surfaces: Surface[], condition: DentalCondition) => ({
    id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    seq,
    tooth,
    surfaces,
    condition,
    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, seq)),
  });

  it('lets the latest entry win per surface and clears with healthy', () => {
    const chart = currentChart([
      e(16, ['M', 'O'], 'caries'),
      e(16, ['O'], 'filling'),
      e(16, ['M'], 'healthy'),
    ]);
    expect(chart).toHaveLength(1);
    expect(chart[0]?.surfaces.map((s) => [s.surface, s.condition])).toEqual([['O', 'filling']]);
    expect(currentChart([e(16, ['O'], 'caries'), e(16, [], 'healthy')])).toEqual([]);
  });

  it('an extraction supersedes the surfaces; a later filling means the tooth is there after all', () => {
    const gone = currentChart([e(36, ['O'], 'caries'), e(36, [], 'extracted')]);
    expect(gone[0]).toMatchObject({ tooth: 36, conditions: ['extracted'], surfaces: [] });
    const back = currentChart([e(36, [], 'missing'), e(36, ['O'], 'filling')]);
    expect(back[0]?.conditions).toEqual([]);
    expect(back[0]?.surfaces).toHaveLength(1);
  });

  it('keeps a root canal under a crown, and an implant under its crown', () => {
    expect(currentChart([e(46, [], 'root_canal'), e(46, [], 'crown')])[0]?.conditions).toEqual([
      'root_canal',
      'crown',
    ]);
    expect(
      currentChart([e(46, [], 'extracted'), e(46, [], 'implant'), e(46, [], 'crown')])[0]?.conditions,
    ).toEqual(['implant', 'crown']);
  });

  it('orders by sequence, not by the order given, and lists teeth in FDI order', () => {
    const a = e(21, ['O'], 'caries');
    const b = e(11, ['O'], 'filling');
    const c = e(21, ['O'], 'filling');
    const chart = currentChart([c, b, a]);
    expect(chart.map((t) => t.tooth)).toEqual([11, 21]);
    expect(chart[1]?.surfaces[0]?.condition).toBe('filling');
  });
});

describe('planTotals', () => {
  it('sums priced procedures that are not cancelled and counts the unpriced', () => {
    const totals = planTotals([
      { status: 'planned', cost: 1000 },
      { status: 'done', cost: 2500 },
      { status: 'in_progress', cost: null },
      { status: 'cancelled', cost: 9999 },
    ]);
    expect(totals).toEqual({
      total: 3500,
      done: 2500,
      remaining: 1000,
      unpriced: 1,
      counts: { planned: 1, in_progress: 1, done: 1, cancelled: 1 },
    });
  });
});
