import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

/** Every public route, on purpose. A new public route must be added here, consciously. */
const PUBLIC_ROUTES = [
  'GET /healthz',
  'GET /readyz',
  'GET /api/openapi.json',
  'GET /api/settings/public',
  // Only the clinic's current logo, by its sha256; 404 for any other blob.
  'GET /api/settings/logo/:sha',
  'POST /api/auth/login',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset/confirm',
  // Certificate verification: rate-limited, and shows only validity, type, issue date and initials.
  'GET /verify',
  'GET /verify/:code',
  'GET /api/verify/:code',
  // Waiting-room displays: a display token instead of a login, rate-limited; ticket numbers and rooms only.
  'GET /api/display/:department',
  'GET /api/display/:department/socket',
];
/** Routes of plugins we do not write: the API docs, and the built web app's files. */
const isDocs = (route: string) => /^GET \/api\/docs(\/|$)/.test(route);
const STATIC_FILES = ['GET /index.html', 'GET /assets/app.js'];

let t: TestApp;
let webDist: string;
beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-web-'));
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Carebase</title>');
  fs.writeFileSync(path.join(webDist, 'assets/app.js'), 'console.log(1)');
  t = await createTestApp({ webDist });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('route access', () => {
  it('every route declares who may call it', () => {
    const undeclared = [...t.app.routeAccess()]
      .filter(([, access]) => access === undefined)
      .map(([route]) => route);
    expect(undeclared, `routes without config.access: ${undeclared.join(', ')}`).toEqual([]);
  });

  it('the public routes are exactly the short list', () => {
    const routes = [...t.app.routeAccess()]
      .filter(([, access]) => access === 'public')
      .map(([route]) => route);
    const unexpected = routes.filter(
      (r) => !PUBLIC_ROUTES.includes(r) && !STATIC_FILES.includes(r) && !isDocs(r),
    );
    expect(unexpected, `public routes not on the list: ${unexpected.join(', ')}`).toEqual([]);
    expect(routes).toEqual(expect.arrayContaining([...PUBLIC_ROUTES, ...STATIC_FILES, 'GET /api/docs/json']));
  });

  it('every other route answers 401 without credentials, whatever the input', async () => {
    const closed = [...t.app.routeAccess()]
      .filter(([, access]) => access !== 'public')
      .map(([route]) => route);
    expect(closed.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const route of closed) {
      const [method, pattern] = route.split(' ') as [string, string];
      const url = pattern.replace(/:[^/]+/g, randomUUID()).replace(/\*$/, 'x');
      const res = await t.request({
        method: method as 'GET',
        url,
        ...(method === 'GET' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 401 || res.json().code !== 'unauthenticated')
        wrong.push(`${route} → ${res.statusCode}`);
    }
    expect(wrong, `routes that did not answer 401: ${wrong.join(', ')}`).toEqual([]);
  });

  it('a caller without the permission is refused before its input is validated', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const res = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: doctor.cookie,
      payload: { email: 'nope' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).not.toHaveProperty('errors');
  });

  it('the public routes answer without credentials', async () => {
    for (const route of [
      'GET /healthz',
      'GET /api/settings/public',
      'GET /index.html',
      'GET /assets/app.js',
    ]) {
      const [method, url] = route.split(' ') as ['GET', string];
      expect((await t.request({ method, url })).statusCode, route).toBe(200);
    }
  });
});
