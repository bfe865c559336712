import { describe, expect, it } from 'vitest';
import { FORGET_SESSION_HINT, hasSessionHint } from './session-hint.ts';

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

  it('is forgotten by a cookie of the same name and path that expires at once', () => {
    expect(FORGET_SESSION_HINT).toMatch(/^carebase_signed_in=;/);
    expect(FORGET_SESSION_HINT).toContain('Max-Age=0');
    expect(FORGET_SESSION_HINT).toContain('Path=/');
  });
});
