import { MAX_LOGO_BYTES } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { logoFileProblem, logoProblemOf } from './logo-rules.ts';

describe('logoFileProblem', () => {
  it('takes PNG, JPEG and WebP images up to the limit', () => {
    expect(logoFileProblem({ type: 'image/png', size: 10 })).toBeNull();
    expect(logoFileProblem({ type: 'image/jpeg', size: MAX_LOGO_BYTES })).toBeNull();
    expect(logoFileProblem({ type: 'image/webp', size: 2048 })).toBeNull();
  });

  it('refuses other types, empty files and larger files', () => {
    expect(logoFileProblem({ type: 'image/svg+xml', size: 10 })).toBe('type');
    expect(logoFileProblem({ type: 'image/gif', size: 10 })).toBe('type');
    expect(logoFileProblem({ type: '', size: 10 })).toBe('type');
    expect(logoFileProblem({ type: 'image/png', size: 0 })).toBe('empty');
    expect(logoFileProblem({ type: 'image/png', size: MAX_LOGO_BYTES + 1 })).toBe('size');
  });
});

describe('logoProblemOf', () => {
  it("reads the server's refusals as the same problems", () => {
    expect(logoProblemOf(new ApiError({ status: 415, code: 'unsupported_media_type' }))).toBe('type');
    expect(logoProblemOf(new ApiError({ status: 413, code: 'payload_too_large' }))).toBe('size');
    expect(
      logoProblemOf(
        new ApiError({ status: 400, code: 'bad_request', errors: [{ path: 'body', message: 'is empty' }] }),
      ),
    ).toBe('empty');
    expect(logoProblemOf(new ApiError({ status: 403, code: 'forbidden' }))).toBeNull();
    expect(logoProblemOf(new Error('network'))).toBeNull();
  });
});
