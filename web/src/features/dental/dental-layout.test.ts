import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  CHART_WIDTH,
  chartRows,
  defaultDentition,
  displayNumber,
  MIDLINE_X,
  nextToothForKey,
  quadrantName,
  SLOT_WIDTH,
  surfaceLabelOf,
  surfaceOptions,
  surfaceSides,
  toothCenterX,
  toothKind,
  toothTypeKey,
} from './dental-layout.ts';

describe('chart rows', () => {
  it('lays the permanent teeth out like a clinical chart, viewer left to right', () => {
    const [upper, lower] = chartRows('permanent');
    expect(upper?.teeth).toEqual([18, 17, 16, 15, 14, 13, 12, 11, 21, 22, 23, 24, 25, 26, 27, 28]);
    expect(lower?.teeth).toEqual([48, 47, 46, 45, 44, 43, 42, 41, 31, 32, 33, 34, 35, 36, 37, 38]);
    expect(upper?.arch).toBe('upper');
    expect(lower?.arch).toBe('lower');
  });

  it('has the primary teeth 55→51 | 61→65 over 85→81 | 71→75, and both in a mixed dentition', () => {
    expect(chartRows('primary').map((r) => r.teeth)).toEqual([
      [55, 54, 53, 52, 51, 61, 62, 63, 64, 65],
      [85, 84, 83, 82, 81, 71, 72, 73, 74, 75],
    ]);
    const mixed = chartRows('mixed');
    expect(mixed.map((r) => [r.arch, r.primary])).toEqual([
      ['upper', false],
      ['upper', true],
      ['lower', true],
      ['lower', false],
    ]);
    expect(mixed.flatMap((r) => r.teeth)).toHaveLength(52);
  });

  it('puts every tooth in its own slot, mirrored about the midline, primary under the permanent ones', () => {
    expect(toothCenterX(11)).toBe(MIDLINE_X - 10 - SLOT_WIDTH / 2);
    expect(toothCenterX(21)).toBe(MIDLINE_X + 10 + SLOT_WIDTH / 2);
    expect(toothCenterX(18)).toBe(SLOT_WIDTH / 2);
    expect(toothCenterX(28)).toBe(CHART_WIDTH - SLOT_WIDTH / 2);
    expect(toothCenterX(55)).toBe(toothCenterX(15));
    expect(toothCenterX(71)).toBe(toothCenterX(31));
    const xs = chartRows('permanent')[0]?.teeth.map(toothCenterX) ?? [];
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });
});

describe('numbering', () => {
  it('shows FDI by default and Universal on request', () => {
    expect(displayNumber(18, 'fdi')).toBe('18');
    expect(displayNumber(18, 'universal')).toBe('1');
    expect(displayNumber(28, 'universal')).toBe('16');
    expect(displayNumber(38, 'universal')).toBe('17');
    expect(displayNumber(48, 'universal')).toBe('32');
    expect(displayNumber(55, 'universal')).toBe('A');
    expect(displayNumber(65, 'universal')).toBe('J');
    expect(displayNumber(75, 'universal')).toBe('K');
    expect(displayNumber(85, 'universal')).toBe('T');
  });

  it('names the kind of tooth and its quadrant', () => {
    expect(toothKind(16)).toBe('molar');
    expect(toothKind(14)).toBe('premolar');
    expect(toothKind(43)).toBe('canine');
    expect(toothKind(32)).toBe('incisor');
    expect(toothKind(54)).toBe('molar');
    expect(toothTypeKey(38)).toBe('dental.toothTypes.permanent.thirdMolar');
    expect(toothTypeKey(75)).toBe('dental.toothTypes.primary.secondMolar');
    expect(quadrantName(16)).toBe('upperRight');
    expect(quadrantName(61)).toBe('upperLeft');
    expect(quadrantName(73)).toBe('lowerLeft');
    expect(quadrantName(46)).toBe('lowerRight');
  });
});

describe('surfaces', () => {
  it('labels surfaces by tooth: incisal and facial on anterior teeth, palatal on the upper arch', () => {
    expect(surfaceOptions(16).map((o) => o.label)).toEqual(['M', 'O', 'D', 'B', 'P']);
    expect(surfaceOptions(46).map((o) => o.label)).toEqual(['M', 'O', 'D', 'B', 'L']);
    expect(surfaceOptions(11).map((o) => o.label)).toEqual(['M', 'I', 'D', 'F', 'P']);
    expect(surfaceOptions(43).map((o) => o.label)).toEqual(['M', 'I', 'D', 'F', 'L']);
    expect(surfaceLabelOf(53, 'O')).toBe('I');
    expect(surfaceLabelOf(84, 'L')).toBe('L');
  });

  it('places buccal outward and mesial toward the midline', () => {
    expect(surfaceSides(16)).toEqual({ top: 'B', bottom: 'L', left: 'D', right: 'M' });
    expect(surfaceSides(26)).toEqual({ top: 'B', bottom: 'L', left: 'M', right: 'D' });
    expect(surfaceSides(36)).toEqual({ top: 'L', bottom: 'B', left: 'M', right: 'D' });
    expect(surfaceSides(46)).toEqual({ top: 'L', bottom: 'B', left: 'D', right: 'M' });
    expect(surfaceSides(85)).toEqual({ top: 'L', bottom: 'B', left: 'D', right: 'M' });
  });
});

describe('keyboard movement', () => {
  const permanent = chartRows('permanent');
  const mixed = chartRows('mixed');

  it('moves along a row and stops at its ends', () => {
    expect(nextToothForKey(permanent, 11, 'ArrowRight')).toBe(21);
    expect(nextToothForKey(permanent, 21, 'ArrowLeft')).toBe(11);
    expect(nextToothForKey(permanent, 18, 'ArrowLeft')).toBeNull();
    expect(nextToothForKey(permanent, 28, 'ArrowRight')).toBeNull();
    expect(nextToothForKey(permanent, 14, 'Home')).toBe(18);
    expect(nextToothForKey(permanent, 14, 'End')).toBe(28);
    expect(nextToothForKey(permanent, 18, 'Home')).toBeNull();
  });

  it('moves between arches to the tooth drawn nearest', () => {
    expect(nextToothForKey(permanent, 16, 'ArrowDown')).toBe(46);
    expect(nextToothForKey(permanent, 36, 'ArrowUp')).toBe(26);
    expect(nextToothForKey(permanent, 16, 'ArrowUp')).toBeNull();
    expect(nextToothForKey(mixed, 15, 'ArrowDown')).toBe(55);
    expect(nextToothForKey(mixed, 18, 'ArrowDown')).toBe(55);
    expect(nextToothForKey(mixed, 55, 'ArrowDown')).toBe(85);
    expect(nextToothForKey(mixed, 71, 'ArrowDown')).toBe(31);
    expect(nextToothForKey(mixed, 28, 'ArrowDown')).toBe(65);
  });

  it('recovers when the focused tooth is not on the chart', () => {
    expect(nextToothForKey(chartRows('primary'), 16, 'ArrowRight')).toBe(55);
  });
});

describe('default dentition', () => {
  it('follows what is recorded, then the age', () => {
    expect(defaultDentition([], null)).toBe('permanent');
    expect(defaultDentition([16], 30)).toBe('permanent');
    expect(defaultDentition([16, 55], 30)).toBe('mixed');
    expect(defaultDentition([], 4)).toBe('primary');
    expect(defaultDentition([54], 4)).toBe('primary');
    expect(defaultDentition([], 9)).toBe('mixed');
    expect(defaultDentition([84], null)).toBe('mixed');
  });

  it('counts completed years', () => {
    expect(ageInYears('2016-09-03', '2026-09-02')).toBe(9);
    expect(ageInYears('2016-09-03', '2026-09-03')).toBe(10);
    expect(ageInYears('2030-01-01', '2026-01-01')).toBeNull();
    expect(ageInYears('nonsense', '2026-01-01')).toBeNull();
  });
});
