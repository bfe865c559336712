import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../modules/users/users.schema.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { errorPaths, snapshot } from '../../test/test-queries.ts';
import { registerProblemHandlers } from './problem.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ bodyLimit: 4096 });
});
afterAll(async () => t?.close());

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ status, code, type: `https://carebase.dev/problems/${code}` });
  expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof body.title).toBe('string');
}

const login = (payload: string, contentType = 'application/json') =>
  t.request({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': contentType }, payload });

describe('error responses', () => {
  it('malformed JSON → 400', async () => {
    expectProblem(await login('{"email": "a@b.org",'), 400, 'bad_request');
  });

  it('an empty JSON body → 400', async () => {
    expectProblem(await login(''), 400, 'bad_request');
  });

  it('a body over the limit → 413', async () => {
    const big = JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(8000) });
    expectProblem(await login(big), 413, 'payload_too_large');
  });

  it('an unsupported content type → 415', async () => {
    expectProblem(await login('<login/>', 'application/xml'), 415, 'unsupported_media_type');
  });

  it('an unknown API route → 404 naming it', async () => {
    const res = await t.request({ method: 'GET', url: '/api/no-such-thing?x=1' });
    expectProblem(res, 404, 'not_found');
    expect(res.json().detail).toBe('No route GET /api/no-such-thing');
    expectProblem(await t.request({ method: 'DELETE', url: '/api/users' }), 404, 'not_found');
  });

  it('validation failures list each field with its path', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'x', extra: 1 },
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.email' }),
        expect.objectContaining({ path: 'body.password' }),
      ]),
    );
  });

  it('text the database cannot store (a NUL character) → 400 naming the field, nothing written', async () => {
    const admin = await t.userWithRoles(['admin']);
    const search = await t.request({ method: 'GET', url: '/api/users?q=a%00b', cookie: admin.cookie });
    expectProblem(search, 400, 'validation_failed');
    expect(errorPaths(search)).toEqual(['query.q']);
    const before = await snapshot(t.app.ctx.db, users);
    const payload = { email: 'nul@example.org', name: 'Nul\u0000Name', roles: ['nurse'] };
    const created = await t.request({ method: 'POST', url: '/api/users', cookie: admin.cookie, payload });
    expect(errorPaths(created)).toEqual(['body.name']);
    expect(await snapshot(t.app.ctx.db, users)).toEqual(before);
    const clinic = { clinicName: 'A\u0000B' };
    const settings = await t.request({
      method: 'PATCH',
      url: '/api/settings/system',
      cookie: admin.cookie,
      payload: clinic,
    });
    expect(errorPaths(settings)).toEqual(['body.clinicName']);
    const exported = await t.request({
      method: 'GET',
      url: '/api/audit/export.csv?action=%00',
      cookie: admin.cookie,
    });
    expect(errorPaths(exported)).toEqual(['query.action']);
  });

  it('a 5xx never shows internals', async () => {
    // The real app has no throwing route; the same handler on a bare instance with one.
    const app = Fastify({ logger: false, genReqId: () => randomUUID() });
    registerProblemHandlers(app);
    app.get('/boom', async () => {
      throw new Error('connect to postgres://admin:s3cret@db failed at /srv/app/db.ts:12');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expectProblem(res, 500, 'internal');
    expect(res.body).not.toMatch(/s3cret|postgres|db\.ts/);
    await app.close();
  });
});
