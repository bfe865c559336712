import { type ApiError, fieldNameFromPath, isApiError } from './api.ts';
import { type FieldProblem, fieldProblemOf } from './field-problem.ts';

/** Problem codes that have their own translated message under `errors.<code>`. */
export const TRANSLATED_ERROR_CODES = [
  'invalid_credentials',
  'account_locked',
  'rate_limited',
  'otp_required',
  'invalid_otp',
  'mfa_enrollment_required',
  'second_approver_required',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'bad_request',
  'validation_failed',
  'payload_too_large',
  'request_timeout',
  'server_error',
  'network_error',
  'invalid_response',
  'http_error',
] as const;
export type TranslatedErrorCode = (typeof TRANSLATED_ERROR_CODES)[number];

/** Codes that only restate the HTTP status: the server's detail, when there is one, says more. */
const GENERIC_CODES = new Set<string>(['forbidden', 'not_found', 'conflict', 'bad_request', 'http_error']);

function isTranslated(code: string): code is TranslatedErrorCode {
  return (TRANSLATED_ERROR_CODES as readonly string[]).includes(code);
}

export type ErrorDescription =
  | { kind: 'translated'; key: `errors.${TranslatedErrorCode}` | 'errors.unknown' }
  | { kind: 'retry'; key: 'errors.rate_limited_retry'; seconds: number }
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: { path: string; problem: FieldProblem }[] };

/** At most this many field problems are told in one message; the form marks the rest. */
const MAX_FIELDS_TOLD = 3;

/**
 * How to tell a person about an error: the fields it names and what is wrong with them, else a translated
 * message when the code is known, else the server's own detail, else a translated message for the kind of
 * HTTP failure.
 */
export function describeError(error: unknown): ErrorDescription {
  if (!isApiError(error)) return { kind: 'translated', key: 'errors.unknown' };
  if (error.code === 'rate_limited' && error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0) {
    return { kind: 'retry', key: 'errors.rate_limited_retry', seconds: error.retryAfterSeconds };
  }
  if (error.errors.length > 0 && error.status === 400) {
    return {
      kind: 'fields',
      fields: error.errors.slice(0, MAX_FIELDS_TOLD).map((e) => ({
        path: fieldNameFromPath(e.path),
        problem: fieldProblemOf(e.message),
      })),
    };
  }
  if (isTranslated(error.code) && !GENERIC_CODES.has(error.code)) {
    return { kind: 'translated', key: `errors.${error.code}` };
  }
  if (error.detail && error.status > 0 && error.status < 500) return { kind: 'text', text: error.detail };
  if (isTranslated(error.code)) return { kind: 'translated', key: `errors.${error.code}` };
  return { kind: 'translated', key: `errors.${statusCode(error)}` };
}

function statusCode(error: ApiError): TranslatedErrorCode {
  if (error.status === 0) return 'network_error';
  if (error.status >= 500) return 'server_error';
  if (error.status === 403) return 'forbidden';
  if (error.status === 404) return 'not_found';
  if (error.status === 409) return 'conflict';
  if (error.status === 400 || error.status === 422) return 'bad_request';
  return 'http_error';
}
