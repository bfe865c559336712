import {
  type DentalCondition,
  fdiToUniversal,
  isPrimaryTooth,
  isUpperTooth,
  type NumberingSystem,
  SURFACES,
  type Surface,
  surfaceLabel,
} from '@carebase/contracts';

/** Which teeth the chart shows: adult, child, or both (the primary rows sit inside the permanent ones). */
export const DENTITIONS = ['permanent', 'primary', 'mixed'] as const;
export type Dentition = (typeof DENTITIONS)[number];

export type Arch = 'upper' | 'lower';

/** One row of the chart, as drawn from the viewer's left to right (the patient's right is on the viewer's left). */
export interface ChartRow {
  arch: Arch;
  primary: boolean;
  teeth: number[];
}

const range = (from: number, to: number): number[] => {
  const out: number[] = [];
  const step = from <= to ? 1 : -1;
  for (let n = from; n !== to + step; n += step) out.push(n);
  return out;
};

const ROWS: Record<'upperPermanent' | 'upperPrimary' | 'lowerPrimary' | 'lowerPermanent', ChartRow> = {
  upperPermanent: { arch: 'upper', primary: false, teeth: [...range(18, 11), ...range(21, 28)] },
  upperPrimary: { arch: 'upper', primary: true, teeth: [...range(55, 51), ...range(61, 65)] },
  lowerPrimary: { arch: 'lower', primary: true, teeth: [...range(85, 81), ...range(71, 75)] },
  lowerPermanent: { arch: 'lower', primary: false, teeth: [...range(48, 41), ...range(31, 38)] },
};

/** The rows of a dentition, top to bottom: upper right 18→11 | upper left 21→28 over lower right 48→41 | lower left 31→38. */
export function chartRows(dentition: Dentition): ChartRow[] {
  switch (dentition) {
    case 'permanent':
      return [ROWS.upperPermanent, ROWS.lowerPermanent];
    case 'primary':
      return [ROWS.upperPrimary, ROWS.lowerPrimary];
    case 'mixed':
      return [ROWS.upperPermanent, ROWS.upperPrimary, ROWS.lowerPrimary, ROWS.lowerPermanent];
  }
}

export const quadrantOf = (tooth: number): number => Math.floor(tooth / 10);
export const positionOf = (tooth: number): number => tooth % 10;

/** Quadrants 1 and 4 (and primary 5 and 8), the patient's right, are drawn on the viewer's left. */
export function isOnViewerLeft(tooth: number): boolean {
  return [1, 4, 5, 8].includes(quadrantOf(tooth));
}

export type ToothKind = 'molar' | 'premolar' | 'canine' | 'incisor';

export function toothKind(tooth: number): ToothKind {
  const position = positionOf(tooth);
  if (position <= 2) return 'incisor';
  if (position === 3) return 'canine';
  if (isPrimaryTooth(tooth)) return 'molar';
  return position <= 5 ? 'premolar' : 'molar';
}

const PERMANENT_TYPES = [
  'centralIncisor',
  'lateralIncisor',
  'canine',
  'firstPremolar',
  'secondPremolar',
  'firstMolar',
  'secondMolar',
  'thirdMolar',
] as const;
const PRIMARY_TYPES = ['centralIncisor', 'lateralIncisor', 'canine', 'firstMolar', 'secondMolar'] as const;
export type PermanentToothType = (typeof PERMANENT_TYPES)[number];
export type PrimaryToothType = (typeof PRIMARY_TYPES)[number];

/** The translation key naming the kind of tooth: `dental.toothTypes.permanent.firstMolar`. */
export function toothTypeKey(
  tooth: number,
): `dental.toothTypes.permanent.${PermanentToothType}` | `dental.toothTypes.primary.${PrimaryToothType}` {
  const index = positionOf(tooth) - 1;
  if (isPrimaryTooth(tooth)) return `dental.toothTypes.primary.${PRIMARY_TYPES[index] ?? 'centralIncisor'}`;
  return `dental.toothTypes.permanent.${PERMANENT_TYPES[index] ?? 'centralIncisor'}`;
}

export type QuadrantName = 'upperRight' | 'upperLeft' | 'lowerLeft' | 'lowerRight';

export function quadrantName(tooth: number): QuadrantName {
  const quadrant = ((quadrantOf(tooth) - 1) % 4) + 1;
  return (['upperRight', 'upperLeft', 'lowerLeft', 'lowerRight'] as const)[quadrant - 1] ?? 'upperRight';
}

/** The number shown on the chart: FDI as is (`16`), or Universal (`3`, primary `A`–`T`). */
export function displayNumber(tooth: number, numbering: NumberingSystem): string {
  return numbering === 'universal' ? fdiToUniversal(tooth) : String(tooth);
}

/** How a surface is labelled on a tooth: `I` on incisors and canines, `F` on their facial side, `P` on upper teeth. */
export type SurfaceLabel = 'M' | 'O' | 'I' | 'D' | 'B' | 'F' | 'L' | 'P';

export function surfaceLabelOf(tooth: number, surface: Surface): SurfaceLabel {
  return surfaceLabel(tooth, surface) as SurfaceLabel;
}

/** The stored surfaces of a tooth in the order a form lists them, with their labels on that tooth. */
export function surfaceOptions(tooth: number): { surface: Surface; label: SurfaceLabel }[] {
  return SURFACES.map((surface) => ({ surface, label: surfaceLabelOf(tooth, surface) }));
}

/**
 * Where each surface sits on the five-part diagram of a tooth as drawn: buccal faces out of the mouth (top on
 * the upper arch, bottom on the lower), mesial faces the midline (right on the viewer's left half).
 */
export function surfaceSides(tooth: number): {
  top: Surface;
  bottom: Surface;
  left: Surface;
  right: Surface;
} {
  const upper = isUpperTooth(tooth);
  const viewerLeft = isOnViewerLeft(tooth);
  return {
    top: upper ? 'B' : 'L',
    bottom: upper ? 'L' : 'B',
    left: viewerLeft ? 'D' : 'M',
    right: viewerLeft ? 'M' : 'D',
  };
}

// Geometry of the chart (SVG user units). Every tooth gets a slot of the same width, so that the
// surface diagrams line up in a clean band and primary teeth sit under the permanent ones they precede.
export const SLOT_WIDTH = 50;
export const MIDLINE_GAP = 20;
export const CHART_WIDTH = 16 * SLOT_WIDTH + MIDLINE_GAP;
export const MIDLINE_X = CHART_WIDTH / 2;

/** The centre of a tooth's slot on the x axis. */
export function toothCenterX(tooth: number): number {
  const fromMidline = MIDLINE_GAP / 2 + (positionOf(tooth) - 1) * SLOT_WIDTH + SLOT_WIDTH / 2;
  return isOnViewerLeft(tooth) ? MIDLINE_X - fromMidline : MIDLINE_X + fromMidline;
}

export type NavigationKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

export function isNavigationKey(key: string): key is NavigationKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key);
}

/**
 * The tooth that keyboard focus moves to: left/right along the row (stopping at its ends), up/down to the
 * nearest tooth of the row above or below, Home/End to the ends of the row. Null when focus stays.
 */
export function nextToothForKey(
  rows: readonly ChartRow[],
  current: number,
  key: NavigationKey,
): number | null {
  const rowIndex = rows.findIndex((row) => row.teeth.includes(current));
  const row = rows[rowIndex];
  if (!row) return rows[0]?.teeth[0] ?? null;
  const index = row.teeth.indexOf(current);
  switch (key) {
    case 'ArrowLeft':
      return row.teeth[index - 1] ?? null;
    case 'ArrowRight':
      return row.teeth[index + 1] ?? null;
    case 'Home':
      return row.teeth[0] === current ? null : (row.teeth[0] ?? null);
    case 'End':
      return row.teeth.at(-1) === current ? null : (row.teeth.at(-1) ?? null);
    case 'ArrowUp':
    case 'ArrowDown': {
      const target = rows[rowIndex + (key === 'ArrowUp' ? -1 : 1)];
      if (!target) return null;
      const x = toothCenterX(current);
      let best: number | null = null;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const tooth of target.teeth) {
        const distance = Math.abs(toothCenterX(tooth) - x);
        if (distance < bestDistance) {
          best = tooth;
          bestDistance = distance;
        }
      }
      return best;
    }
  }
}

/** The dentition to show first: what the chart already holds, else what fits the patient's age. */
export function defaultDentition(recordedTeeth: readonly number[], ageYears: number | null): Dentition {
  const primary = recordedTeeth.some(isPrimaryTooth);
  const permanent = recordedTeeth.some((t) => !isPrimaryTooth(t));
  if (primary && permanent) return 'mixed';
  if (ageYears !== null) {
    if (ageYears < 6) return primary || !permanent ? 'primary' : 'mixed';
    if (ageYears < 13) return 'mixed';
  }
  if (primary) return 'mixed';
  return 'permanent';
}

/** Completed years between a birth date (`YYYY-MM-DD`) and today's date in the clinic (`YYYY-MM-DD`). */
export function ageInYears(birthDate: string, today: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!b || !t) return null;
  const [by, bm, bd] = b.slice(1).map(Number) as [number, number, number];
  const [ty, tm, td] = t.slice(1).map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age >= 0 ? age : null;
}

/** Conditions drawn on the chart, in the order of the legend, with the colours the printed chart uses too. */
export const CONDITION_COLORS: Record<Exclude<DentalCondition, 'healthy'>, string> = {
  caries: '#d64545',
  filling: '#2f6fde',
  sealant: '#2e9e6a',
  crown: '#c88a12',
  bridge: '#7b52c7',
  root_canal: '#e0701f',
  implant: '#127f8c',
  missing: '#8a939c',
  extracted: '#b02a2a',
};

export const LEGEND_CONDITIONS = Object.keys(CONDITION_COLORS) as Exclude<DentalCondition, 'healthy'>[];
