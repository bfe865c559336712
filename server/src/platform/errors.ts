import type { FieldError } from '@carebase/contracts';

const STATUS_BY_CODE = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  otp_required: 401,
  invalid_otp: 401,
  forbidden: 403,
  mfa_enrollment_required: 403,
  password_change_required: 403,
  csrf_rejected: 403,
  /** The clinic asks for a second doctor: the one who drafted a certificate may not approve it. */
  second_approver_required: 403,
  not_found: 404,
  /** The resource exists, but not in any representation the Accept header allows. */
  not_acceptable: 406,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

const TITLES: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'The request is not valid',
  unauthenticated: 'Sign-in required',
  invalid_credentials: 'Wrong email or password',
  otp_required: 'A one-time code is required',
  invalid_otp: 'The one-time code is not valid',
  forbidden: 'Not allowed',
  not_acceptable: 'Not available in the requested format',
  mfa_enrollment_required: 'Two-factor authentication must be set up first',
  password_change_required: 'The password must be changed first',
  csrf_rejected: 'Cross-site request refused',
  second_approver_required: 'Another doctor must approve',
  not_found: 'Not found',
  request_timeout: 'The request took too long to arrive',
  conflict: 'Conflict',
  payload_too_large: 'The request is too large',
  uri_too_long: 'The address is too long',
  unsupported_media_type: 'Unsupported media type',
  account_locked: 'The account is temporarily locked',
  rate_limited: 'Too many requests',
  headers_too_large: 'The request headers are too large',
  internal: 'Internal error',
  unavailable: 'Service unavailable',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    opts: { fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? TITLES[code]);
    this.code = code;
    this.fields = opts.fields;
    this.headers = opts.headers;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

/** Shorthand for a 400 naming one field, e.g. fieldError('body.newPassword', 'is too common'). */
export function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path} ${message}`, { fields: [{ path, message }] });
}

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

export function titleOf(code: ErrorCode): string {
  return TITLES[code];
}
