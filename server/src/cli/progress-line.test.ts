import { describe, expect, it } from 'vitest';
import { progressText } from './progress-line.ts';

describe('progressText', () => {
  it('gives the phase, the percentage and the sizes, or the bytes alone with no total', () => {
    expect(progressText({ phase: 'files', done: 50 * 1024 * 1024, total: 200 * 1024 * 1024 })).toBe(
      'Files      25% (50.0 MB of 200.0 MB)',
    );
    expect(progressText({ phase: 'database', done: 3 * 1024 * 1024, total: 0 })).toBe('Database  3.0 MB');
    expect(progressText({ phase: 'verify', done: 10, total: 5 })).toContain('100%');
  });
});
