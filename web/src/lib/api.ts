import { type FieldError, ProblemSchema } from '@carebase/contracts';
import type { z } from 'zod';

/** Codes the client invents itself, when the server did not (or could not) send a problem document. */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  invalidResponse: 'invalid_response',
} as const;

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  423: 'account_locked',
  429: 'rate_limited',
};

/** The request parts a field error path may start with; they are stripped to get the form field name. */
const LOCATION_PREFIXES = new Set(['body', 'query', 'querystring', 'params', 'headers']);

export interface ApiErrorInit {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
  retryAfterSeconds?: number;
}

/** Every failed call to the API ends up as one of these. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title?: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title ?? init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /**
   * Field errors keyed by form field: `body.email` → `email`, `body.mail.smtpHost` → `mail.smtpHost`.
   * The first message for a field wins.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const error of this.errors) {
      const field = fieldNameFromPath(error.path);
      if (field && !(field in out)) out[field] = error.message;
    }
    return out;
  }

  /** The message for one field, also when the server named a part of it (`roles.0` for `roles`). */
  fieldError(field: string): string | undefined {
    const all = this.fieldErrors();
    return all[field] ?? Object.entries(all).find(([name]) => name.startsWith(`${field}.`))?.[1];
  }
}

/** `fieldErrorOf(error, 'email')`: the server's message for a form field, if the error carries one. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}

/** True when the error names at least one of these fields, so the form shows it inline instead. */
export function hasFieldErrorFor(error: unknown, fields: readonly string[]): boolean {
  return fields.some((field) => fieldErrorOf(error, field) !== undefined);
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** `body.email` → `email`; `body` → `` (an error about the whole body). */
export function fieldNameFromPath(path: string): string {
  const parts = path.split('.').filter((part) => part.length > 0);
  if (parts.length > 0 && LOCATION_PREFIXES.has(parts[0]!)) parts.shift();
  return parts.join('.');
}

function parseRetryAfter(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function fallbackCode(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'http_error');
}

/**
 * Turns an error response into an ApiError. Pure: takes the status, the content type, the raw body text
 * and the Retry-After header. Bodies that are not problem documents still give a usable error.
 */
export function apiErrorFromResponse(
  status: number,
  contentType: string | null,
  bodyText: string,
  retryAfter?: string | null,
): ApiError {
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json') && bodyText.trim().length > 0) {
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      json = undefined;
    }
    const problem = ProblemSchema.partial().safeParse(json);
    if (problem.success) {
      const p = problem.data;
      return new ApiError({
        status,
        code: p.code && p.code.length > 0 ? p.code : fallbackCode(status),
        title: p.title,
        detail: p.detail,
        errors: p.errors,
        requestId: p.requestId,
        retryAfterSeconds,
      });
    }
  }
  return new ApiError({ status, code: fallbackCode(status), retryAfterSeconds });
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** `{a: 1, b: undefined, c: ''}` → `?a=1`. Empty values are left out. */
export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers, signal: options.signal };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network });
  }

  const text = await response.text();
  if (!response.ok) {
    throw apiErrorFromResponse(
      response.status,
      response.headers.get('content-type'),
      text,
      response.headers.get('retry-after'),
    );
  }

  let data: unknown;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.invalidResponse });
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiError({
      status: response.status,
      code: CLIENT_ERROR_CODES.invalidResponse,
      detail: `${method} ${path}`,
    });
  }
  return parsed.data;
}

/** The one typed API client. Every response is checked against its contract schema. */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: Omit<RequestOptions, 'body'>) =>
    request('GET', path, schema, options),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown, options?: RequestOptions) =>
    request('POST', path, schema, { ...options, body }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown, options?: RequestOptions) =>
    request('PATCH', path, schema, { ...options, body }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown, options?: RequestOptions) =>
    request('PUT', path, schema, { ...options, body }),
  delete: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('DELETE', path, schema, options),
};

/** Path segments from user data are always encoded. */
export function pathOf(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (out, part, index) =>
      out + part + (index < values.length ? encodeURIComponent(String(values[index])) : ''),
    '',
  );
}

export interface UploadOptions<S extends z.ZodType> {
  method: 'POST' | 'PUT';
  path: string;
  query?: QueryParams;
  /** Sent as the raw request body, with its own content type. */
  file: Blob;
  contentType: string;
  schema: S;
  /** 0..1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** What came back to a request sent with `sendWithProgress`. */
export interface RawResponse {
  status: number;
  contentType: string | null;
  text: string;
  retryAfter: string | null;
}

/**
 * Sends a body with XMLHttpRequest, which (unlike fetch) reports upload progress; the session cookie goes
 * along. Rejects only when nothing came back: AbortError when cancelled, a network ApiError otherwise.
 */
export function sendWithProgress(options: {
  method: 'POST' | 'PUT';
  url: string;
  contentType: string;
  accept: string;
  body: Blob;
  onProgress?: ((fraction: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}): Promise<RawResponse> {
  const { onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(options.method, options.url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', options.contentType);
    xhr.setRequestHeader('accept', options.accept);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    });
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.addEventListener('abort', () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    });
    xhr.addEventListener('error', () => {
      done();
      reject(new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network }));
    });
    xhr.addEventListener('load', () => {
      done();
      resolve({
        status: xhr.status,
        contentType: xhr.getResponseHeader('content-type'),
        text: xhr.responseText,
        retryAfter: xhr.getResponseHeader('retry-after'),
      });
    });
    xhr.send(options.body);
  });
}

/** The ApiError of a response that is not a success. */
export function errorOf(response: RawResponse): ApiError {
  return apiErrorFromResponse(response.status, response.contentType, response.text, response.retryAfter);
}

/**
 * Uploads a file as the raw request body, with progress (sendWithProgress). Errors and the response are
 * handled exactly as in `request`.
 */
export async function uploadFile<S extends z.ZodType>(options: UploadOptions<S>): Promise<z.output<S>> {
  const { method, path, query, file, contentType, schema, onProgress, signal } = options;
  const response = await sendWithProgress({
    method,
    url: `${path}${toQueryString(query)}`,
    contentType,
    accept: 'application/json, application/problem+json',
    body: file,
    onProgress,
    signal,
  });
  if (response.status < 200 || response.status >= 300) throw errorOf(response);
  onProgress?.(1);
  let data: unknown;
  try {
    data = response.text.length > 0 ? JSON.parse(response.text) : undefined;
  } catch {
    throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.invalidResponse });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiError({
      status: response.status,
      code: CLIENT_ERROR_CODES.invalidResponse,
      detail: `${method} ${path}`,
    });
  }
  return parsed.data;
}
