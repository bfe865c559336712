/** An interval in the largest whole unit that fits it, for "every {{count}} minutes". */
export function intervalParts(ms: number): { unit: 'hours' | 'minutes' | 'seconds'; count: number } {
  if (ms % 3_600_000 === 0) return { unit: 'hours', count: ms / 3_600_000 };
  if (ms % 60_000 === 0) return { unit: 'minutes', count: ms / 60_000 };
  return { unit: 'seconds', count: Math.round(ms / 1000) };
}
