/** Body-mass index, kg/m², to one decimal; null unless both height and weight are known. */
export function bmiOf(
  heightCm: number | null | undefined,
  weightKg: number | null | undefined,
): number | null {
  if (heightCm == null || weightKg == null || heightCm <= 0 || weightKg <= 0) return null;
  const metres = heightCm / 100;
  return Math.round((weightKg / (metres * metres)) * 10) / 10;
}

/** Readings timed a little ahead are clock drift between devices; further ahead is a mistake. */
export const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
