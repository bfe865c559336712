import { MeSchema, OkSchema } from '@carebase/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiErrorFromResponse, fieldNameFromPath, pathOf, toQueryString } from './api.ts';

const problem = (body: object) => JSON.stringify(body);

describe('apiErrorFromResponse', () => {
  it('reads a problem+json document with field errors', () => {
    const error = apiErrorFromResponse(
      400,
      'application/problem+json; charset=utf-8',
      problem({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation_failed',
        detail: 'Some fields are not valid',
        errors: [
          { path: 'body.email', message: 'Invalid email' },
          { path: 'body.mail.smtpHost', message: 'Too long' },
          { path: 'body.email', message: 'Second message is ignored' },
          { path: 'body.roles.0', message: 'Unknown role' },
        ],
        requestId: 'req-1',
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.detail).toBe('Some fields are not valid');
    expect(error.requestId).toBe('req-1');
    expect(error.fieldErrors()).toEqual({
      email: 'Invalid email',
      'mail.smtpHost': 'Too long',
      'roles.0': 'Unknown role',
    });
    expect(error.fieldError('roles')).toBe('Unknown role');
    expect(error.fieldError('name')).toBeUndefined();
  });

  it('keeps the server code for auth failures', () => {
    const error = apiErrorFromResponse(
      401,
      'application/problem+json',
      problem({ type: 'x', title: 'Unauthorized', status: 401, code: 'otp_required', requestId: 'r' }),
    );
    expect(error.code).toBe('otp_required');
    expect(error.errors).toEqual([]);
  });

  it('falls back to a code from the status when the body is not a problem document', () => {
    expect(apiErrorFromResponse(423, 'text/html', '<h1>Locked</h1>').code).toBe('account_locked');
    expect(apiErrorFromResponse(404, null, '').code).toBe('not_found');
    expect(apiErrorFromResponse(502, 'application/json', '{not json').code).toBe('server_error');
    expect(apiErrorFromResponse(418, 'application/json', '[]').code).toBe('http_error');
  });

  it('reads Retry-After in seconds', () => {
    const error = apiErrorFromResponse(
      429,
      'application/problem+json',
      problem({ type: 'x', title: 'Too Many Requests', status: 429, code: 'rate_limited', requestId: 'r' }),
      '30',
    );
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(30);
  });
});

describe('fieldNameFromPath', () => {
  it('strips the request location', () => {
    expect(fieldNameFromPath('body.newPassword')).toBe('newPassword');
    expect(fieldNameFromPath('querystring.q')).toBe('q');
    expect(fieldNameFromPath('body')).toBe('');
    expect(fieldNameFromPath('email')).toBe('email');
  });
});

describe('toQueryString', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(toQueryString({ q: 'ana maría', page: 2, active: undefined, role: '', x: null, ok: false })).toBe(
      '?q=ana+mar%C3%ADa&page=2&ok=false',
    );
    expect(toQueryString({})).toBe('');
    expect(toQueryString(undefined)).toBe('');
  });
});

describe('pathOf', () => {
  it('encodes path segments', () => {
    expect(pathOf`/api/roles/${'a/b'}/x/${3}`).toBe('/api/roles/a%2Fb/x/3');
  });
});

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  const stubFetch = (response: Response | Error) => {
    const fetchMock = vi.fn(async () => {
      if (response instanceof Error) throw response;
      return response;
    });
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  };

  it('sends JSON with same-origin credentials and validates the answer', async () => {
    const fetchMock = stubFetch(new Response(JSON.stringify({ ok: true }), { status: 200 }));
    await expect(api.post('/api/auth/logout', OkSchema, { a: 1 })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/logout');
    expect(init.credentials).toBe('same-origin');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(init.body).toBe('{"a":1}');
  });

  it('adds the query string and sends no body on GET', async () => {
    const fetchMock = stubFetch(new Response(JSON.stringify({ ok: true }), { status: 200 }));
    await api.get('/api/users', OkSchema, { query: { q: 'x', page: 1 } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/users?q=x&page=1');
    expect(init.body).toBeUndefined();
  });

  it('turns an answer that breaks the contract into invalid_response', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    stubFetch(new Response(JSON.stringify({ id: 'not-a-uuid' }), { status: 200 }));
    await expect(api.get('/api/auth/me', MeSchema)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('turns a failed connection into network_error', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    await expect(api.get('/api/auth/me', MeSchema)).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });

  it('throws the parsed problem on an error status', async () => {
    stubFetch(
      new Response(
        problem({
          type: 'x',
          title: 'Locked',
          status: 423,
          code: 'account_locked',
          requestId: 'r',
          detail: 'Locked',
        }),
        { status: 423, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const error = await api.post('/api/auth/login', OkSchema, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 423, code: 'account_locked', detail: 'Locked' });
  });
});
