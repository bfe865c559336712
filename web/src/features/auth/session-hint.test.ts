import { describe, expect, it } from 'vitest';
import { hasSessionHint } from './session-hint.ts';

describe('hasSessionHint', () => {
  it('finds the hint among other cookies', () => {
    expect(hasSessionHint('carebase_signed_in=1')).toBe(true);
    expect(hasSessionHint('theme=dark; carebase_signed_in=1; other=x')).toBe(true);
  });

  it('is false without it, when cleared, or for a cookie that only ends with its name', () => {
    expect(hasSessionHint('')).toBe(false);
    expect(hasSessionHint('theme=dark')).toBe(false);
    expect(hasSessionHint('carebase_signed_in=')).toBe(false);
    expect(hasSessionHint('not_carebase_signed_in=1')).toBe(false);
  });
});
