import { BUILT_IN_ROLE_PERMISSIONS } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { roles } from '../users/users.schema.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  doctor = await t.userWithRoles(['doctor']);
});
afterAll(async () => t?.close());

/** Sends as the admin unless another cookie is given; null sends no session at all. */
const send = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  cookie: string | null = admin.cookie,
) => t.request({ method, url, cookie: cookie ?? undefined, ...(payload ? { payload } : {}) });

describe('GET /api/roles', () => {
  it('lists built-in and custom roles with their user counts', async () => {
    const res = await send('GET', '/api/roles');
    expect(res.statusCode).toBe(200);
    const byKey = Object.fromEntries(res.json().map((r: { key: string }) => [r.key, r]));
    expect(byKey.admin).toMatchObject({ builtIn: true, mfaRequired: true, userCount: 1 });
    expect(byKey.doctor).toMatchObject({
      builtIn: true,
      permissions: [...BUILT_IN_ROLE_PERMISSIONS.doctor].sort(),
      userCount: 1,
    });
    expect(byKey.patient).toMatchObject({ userCount: 0, permissions: ['portal:self'] });
  });

  it('answers 401 without a session and 403 without roles:read', async () => {
    expect((await send('GET', '/api/roles', undefined, null)).statusCode).toBe(401);
    expect((await send('GET', '/api/roles', undefined, doctor.cookie)).statusCode).toBe(403);
  });
});

describe('POST /api/roles', () => {
  it('creates a custom role whose holders get exactly its permissions', async () => {
    const res = await send('POST', '/api/roles', {
      key: 'hr-viewer',
      name: 'HR viewer',
      permissions: ['users:read', 'users:read', 'roles:read'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      key: 'hr-viewer',
      name: 'HR viewer',
      description: '',
      builtIn: false,
      mfaRequired: false,
      permissions: ['roles:read', 'users:read'],
      userCount: 0,
    });
    const [event] = await auditOf(t.app.ctx.db, 'role.create', 'hr-viewer');
    expect(event).toMatchObject({
      actorId: admin.id,
      details: { permissions: ['roles:read', 'users:read'] },
    });

    const viewer = await t.userWithRoles(['hr-viewer']);
    const me = await send('GET', '/api/auth/me', undefined, viewer.cookie);
    expect(me.json().permissions).toEqual(['roles:read', 'users:read']);
    expect((await send('GET', '/api/users', undefined, viewer.cookie)).statusCode).toBe(200);
    const create = await send(
      'POST',
      '/api/users',
      { email: 'v@example.org', name: 'V', roles: ['nurse'] },
      viewer.cookie,
    );
    expect(create.statusCode).toBe(403);
    expect((await send('GET', '/api/settings/system', undefined, viewer.cookie)).statusCode).toBe(403);
  });

  it('refuses bad keys, duplicates and unknown permissions, naming the field, and writes nothing', async () => {
    const before = await snapshot(t.app.ctx.db, roles);
    const good = { key: 'lab-tech', name: 'Lab tech', permissions: [] };
    const cases: [object, string][] = [
      [{ ...good, key: 'Lab Tech' }, 'body.key'],
      [{ ...good, key: 'x' }, 'body.key'],
      [{ ...good, key: '1lab' }, 'body.key'],
      [{ ...good, key: 'doctor' }, 'body.key'],
      [{ ...good, permissions: ['users:delete'] }, 'body.permissions.0'],
      [{ ...good, name: '' }, 'body.name'],
      [{ key: 'lab-tech', name: 'Lab tech' }, 'body.permissions'],
    ];
    for (const [payload, path] of cases) {
      const res = await send('POST', '/api/roles', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    expect(await snapshot(t.app.ctx.db, roles)).toEqual(before);
  });

  it('two simultaneous creates with one key: one is created, the other is told the key is taken', async () => {
    const payload = { key: 'twin', name: 'Twin', permissions: [] };
    const answers = await Promise.all([
      send('POST', '/api/roles', payload),
      send('POST', '/api/roles', payload),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(errorPaths(answers.find((r) => r.statusCode === 400)!)).toEqual(['body.key']);
  });

  it('answers 401 without a session and 403 without roles:write', async () => {
    const payload = { key: 'nobody', name: 'Nobody', permissions: [] };
    expect((await send('POST', '/api/roles', payload, null)).statusCode).toBe(401);
    expect((await send('POST', '/api/roles', payload, doctor.cookie)).statusCode).toBe(403);
  });
});

describe('PATCH /api/roles/:key', () => {
  it('keeps the permissions of a built-in role fixed but lets mfaRequired change', async () => {
    const before = await snapshot(t.app.ctx.db, roles);
    const fixed = await send('PATCH', '/api/roles/doctor', { permissions: ['users:read', 'tokens:create'] });
    expect(fixed.statusCode).toBe(400);
    expect(errorPaths(fixed)).toEqual(['body.permissions']);
    expect(await snapshot(t.app.ctx.db, roles)).toEqual(before);

    const res = await send('PATCH', '/api/roles/doctor', { mfaRequired: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      key: 'doctor',
      mfaRequired: true,
      permissions: [...BUILT_IN_ROLE_PERMISSIONS.doctor].sort(),
    });
    const [event] = await auditOf(t.app.ctx.db, 'role.update', 'doctor');
    expect(event?.details).toMatchObject({ patch: { mfaRequired: true }, before: { mfaRequired: false } });
    const me = await send('GET', '/api/auth/me', undefined, doctor.cookie);
    expect(me.json().mfaEnrollmentRequired).toBe(true);
    expect((await send('PATCH', '/api/roles/doctor', { mfaRequired: false })).statusCode).toBe(200);
  });

  it('changes a custom role, and its holders get the new permissions at once', async () => {
    await send('POST', '/api/roles', { key: 'auditor', name: 'Auditor', permissions: ['audit:read'] });
    const holder = await t.userWithRoles(['auditor']);
    expect((await send('GET', '/api/users', undefined, holder.cookie)).statusCode).toBe(403);
    const res = await send('PATCH', '/api/roles/auditor', {
      permissions: ['audit:read', 'users:read'],
      description: 'Reads',
    });
    expect(res.json()).toMatchObject({
      permissions: ['audit:read', 'users:read'],
      description: 'Reads',
      userCount: 1,
    });
    expect((await send('GET', '/api/users', undefined, holder.cookie)).statusCode).toBe(200);
  });

  it('refuses bad input and unknown roles', async () => {
    expect(errorPaths(await send('PATCH', '/api/roles/doctor', { builtIn: false }))).toEqual([
      'body.builtIn',
    ]);
    expect(errorPaths(await send('PATCH', '/api/roles/Bad%20Key', { name: 'x' }))).toEqual(['params.key']);
    expect((await send('PATCH', '/api/roles/no-such-role', { name: 'x' })).statusCode).toBe(404);
    expect((await send('PATCH', '/api/roles/doctor', { name: 'x' }, null)).statusCode).toBe(401);
    expect((await send('PATCH', '/api/roles/doctor', { name: 'x' }, doctor.cookie)).statusCode).toBe(403);
  });
});

describe('DELETE /api/roles/:key', () => {
  it('deletes a custom role only when nobody holds it', async () => {
    await send('POST', '/api/roles', { key: 'temp-role', name: 'Temp', permissions: [] });
    const holder = await t.userWithRoles(['temp-role']);
    const held = await send('DELETE', '/api/roles/temp-role');
    expect(held.statusCode).toBe(409);
    await send('PATCH', `/api/users/${holder.id}`, { roles: ['nurse'] });
    expect((await send('DELETE', '/api/roles/temp-role')).statusCode).toBe(200);
    expect(await auditOf(t.app.ctx.db, 'role.delete', 'temp-role')).toHaveLength(1);
    expect((await send('DELETE', '/api/roles/temp-role')).statusCode).toBe(404);
  });

  it('never deletes a built-in role', async () => {
    await send('PATCH', '/api/roles/patient', { name: 'Patient' });
    const res = await send('DELETE', '/api/roles/patient');
    expect(res.statusCode).toBe(409);
    expect((await send('GET', '/api/roles')).json().some((r: { key: string }) => r.key === 'patient')).toBe(
      true,
    );
  });

  it('answers 401 without a session and 403 without roles:write', async () => {
    expect((await send('DELETE', '/api/roles/hr-viewer', undefined, null)).statusCode).toBe(401);
    expect((await send('DELETE', '/api/roles/hr-viewer', undefined, doctor.cookie)).statusCode).toBe(403);
    expect(errorPaths(await send('DELETE', '/api/roles/HR_Viewer'))).toEqual(['params.key']);
  });
});
