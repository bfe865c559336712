import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { describeError } from './error-message.ts';

describe('describeError', () => {
  it('translates the codes the app knows', () => {
    expect(describeError(new ApiError({ status: 401, code: 'invalid_credentials' }))).toEqual({
      kind: 'translated',
      key: 'errors.invalid_credentials',
    });
    expect(
      describeError(new ApiError({ status: 423, code: 'account_locked', detail: 'Locked until 10:00' })),
    ).toEqual({ kind: 'translated', key: 'errors.account_locked' });
  });

  it('says how long to wait when the server tells', () => {
    expect(describeError(new ApiError({ status: 429, code: 'rate_limited', retryAfterSeconds: 12 }))).toEqual(
      {
        kind: 'retry',
        key: 'errors.rate_limited_retry',
        seconds: 12,
      },
    );
  });

  it("prefers the server's detail over a generic status message", () => {
    expect(
      describeError(new ApiError({ status: 409, code: 'conflict', detail: 'The role still has users' })),
    ).toEqual({ kind: 'text', text: 'The role still has users' });
    expect(
      describeError(new ApiError({ status: 409, code: 'role_in_use', detail: 'The role still has users' })),
    ).toEqual({ kind: 'text', text: 'The role still has users' });
  });

  it('never shows the detail of a server error', () => {
    expect(describeError(new ApiError({ status: 500, code: 'internal', detail: 'stack trace' }))).toEqual({
      kind: 'translated',
      key: 'errors.server_error',
    });
  });

  it('falls back by status, and for anything that is not an ApiError', () => {
    expect(describeError(new ApiError({ status: 403, code: 'nope' }))).toEqual({
      kind: 'translated',
      key: 'errors.forbidden',
    });
    expect(describeError(new ApiError({ status: 0, code: 'network_error' }))).toEqual({
      kind: 'translated',
      key: 'errors.network_error',
    });
    expect(describeError(new Error('boom'))).toEqual({ kind: 'translated', key: 'errors.unknown' });
  });

  it('names the fields a refused request got wrong, and what is wrong with them', () => {
    const error = new ApiError({
      status: 400,
      code: 'validation_failed',
      errors: [
        { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'body.departmentKey', message: 'Invalid option: expected one of "lab"|"xray"' },
      ],
    });
    expect(describeError(error)).toEqual({
      kind: 'fields',
      fields: [
        { path: 'name', problem: { kind: 'required' } },
        { path: 'departmentKey', problem: { kind: 'choose' } },
      ],
    });
  });
});
