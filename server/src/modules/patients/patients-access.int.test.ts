import { BUILT_IN_ROLES, type BuiltInRole, type Patient } from '@carebase/contracts';
import Fastify, { type InjectOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { setPhoto } from './patient-photo.service.ts';
import { patientInput, registerPatient, TINY_PNG } from './patient-test-fixtures.ts';
import * as repo from './patients.repository.ts';
import { patientsRoutes } from './patients.routes.ts';
import { updatePatient } from './patients.service.ts';

/**
 * Who may do what with a patient record, as a specification. Each cell is the status for the patient linked
 * to the patient-role user ("own") and for another patient ("other"), written once when they are equal
 * (staff do not depend on the link). The patient role reads only its own record and gets 404 for others,
 * so the portal does not reveal which records exist.
 */
const SPEC = `
  route                                          admin receptionist doctor nurse dentist radiologist pharmacist accountant cashier patient
  GET    /api/patients                             200          200    200   200     200         200        200        200     200     403
  GET    /api/patients/duplicates                  200          200    200   200     200         200        200        200     200     403
  GET    /api/patients/export.csv                  200          200    200   200     200         200        200        200     200     403
  GET    /api/patients/me                          403          403    403   403     403         403        403        403     403     200
  POST   /api/patients                             201          201    201   201     201         403        403        403     403     403
  GET    /api/patients/:id                         200          200    200   200     200         200        200        200     200 200/404
  PATCH  /api/patients/:id                         200          200    200   200     200         403        403        403     403     403
  PUT    /api/patients/:id/photo                   200          200    200   200     200         403        403        403     403     403
  GET    /api/patients/:id/photo                   200          200    200   200     200         200        200        200     200 200/404
  DELETE /api/patients/:id/photo                   204          204    204   204     204         403        403        403     403     403
  POST   /api/patients/:id/allergies               201          403    201   201     201         403        403        403     403     403
  PATCH  /api/patients/:id/allergies/:allergyId    200          403    200   200     200         403        403        403     403     403
  POST   /api/patients/:id/conditions              201          403    201   201     201         403        403        403     403     403
  PATCH  /api/patients/:id/conditions/:conditionId  200          403    200   200     200         403        403        403     403     403
  POST   /api/patients/:id/merge                   200          403    403   403     403         403        403        403     403     403
`;

type Cell = { own: number; other: number };
const rows = SPEC.trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [method, url, ...cells] = line.trim().split(/\s+/);
    const byRole = new Map<BuiltInRole, Cell>();
    BUILT_IN_ROLES.forEach((role, i) => {
      const [own, other = own] = (cells[i] ?? '').split('/').map(Number);
      byRole.set(role, { own: own!, other: other! });
    });
    return { route: `${method} ${url}`, byRole };
  });

let t: TestApp;
const users = new Map<BuiltInRole, TestUser>();
let own: Patient;
let other: Patient;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 10_000 });
  for (const role of BUILT_IN_ROLES) users.set(role, await t.userWithRoles([role]));
  own = await registerPatient(t, { givenName: 'Owen' });
  await updatePatient(t.app.ctx, SYSTEM_ACTOR, own.id, { userId: users.get('patient')!.id });
  other = await registerPatient(t, { givenName: 'Otto' });
});
afterAll(async () => t?.close());

async function ensurePhoto(p: Patient) {
  if (!(await repo.findPatientRow(t.app.ctx.db, p.id))?.photoSha256)
    await setPhoto(t.app.ctx, SYSTEM_ACTOR, p.id, TINY_PNG, 'image/png');
}

/** The request each route gets against a target patient, with whatever that request needs set up first. */
const REQUESTS: Record<string, (p: Patient) => Promise<InjectOptions>> = {
  'GET /api/patients': async (p) => ({ method: 'GET', url: `/api/patients?q=${p.mrn}` }),
  'GET /api/patients/duplicates': async (p) => ({
    method: 'GET',
    url: `/api/patients/duplicates?givenName=${p.givenName}&familyName=${p.familyName}&birthDate=${p.birthDate}`,
  }),
  'GET /api/patients/export.csv': async (p) => ({
    method: 'GET',
    url: `/api/patients/export.csv?q=${p.mrn}`,
  }),
  'GET /api/patients/me': async () => ({ method: 'GET', url: '/api/patients/me' }),
  'POST /api/patients': async () => ({ method: 'POST', url: '/api/patients', payload: patientInput() }),
  'GET /api/patients/:id': async (p) => ({ method: 'GET', url: `/api/patients/${p.id}` }),
  'PATCH /api/patients/:id': async (p) => ({
    method: 'PATCH',
    url: `/api/patients/${p.id}`,
    payload: { gender: 'f' },
  }),
  'PUT /api/patients/:id/photo': async (p) => ({
    method: 'PUT',
    url: `/api/patients/${p.id}/photo`,
    headers: { 'content-type': 'image/png' },
    payload: TINY_PNG,
  }),
  'GET /api/patients/:id/photo': async (p) => {
    await ensurePhoto(p);
    return { method: 'GET', url: `/api/patients/${p.id}/photo` };
  },
  'DELETE /api/patients/:id/photo': async (p) => {
    await ensurePhoto(p);
    return { method: 'DELETE', url: `/api/patients/${p.id}/photo` };
  },
  'POST /api/patients/:id/allergies': async (p) => ({
    method: 'POST',
    url: `/api/patients/${p.id}/allergies`,
    payload: { substance: 'Nuts', severity: 'mild' },
  }),
  'PATCH /api/patients/:id/allergies/:allergyId': async (p) => {
    const [a] = await repo.insertAllergies(t.app.ctx.db, [
      { patientId: p.id, substance: 'Egg', severity: 'mild' },
    ]);
    return {
      method: 'PATCH',
      url: `/api/patients/${p.id}/allergies/${a!.id}`,
      payload: { status: 'inactive' },
    };
  },
  'POST /api/patients/:id/conditions': async (p) => ({
    method: 'POST',
    url: `/api/patients/${p.id}/conditions`,
    payload: { name: 'Gout' },
  }),
  'PATCH /api/patients/:id/conditions/:conditionId': async (p) => {
    const [c] = await repo.insertConditions(t.app.ctx.db, [{ patientId: p.id, name: 'Gout' }]);
    return {
      method: 'PATCH',
      url: `/api/patients/${p.id}/conditions/${c!.id}`,
      payload: { status: 'resolved' },
    };
  },
  // The target survives; a fresh record is merged into it, so the target stays usable for the next cells.
  'POST /api/patients/:id/merge': async (p) => {
    const source = await registerPatient(t);
    return { method: 'POST', url: `/api/patients/${source.id}/merge`, payload: { intoId: p.id } };
  },
};

describe('patient routes × built-in roles × own/other patient', () => {
  it('covers every route the patients module registers, and only those', async () => {
    const probe = Fastify();
    probe.setValidatorCompiler(validatorCompiler);
    probe.setSerializerCompiler(serializerCompiler);
    const registered: string[] = [];
    probe.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') registered.push(`${m} ${r.url}`);
    });
    await probe.register(patientsRoutes(t.app.ctx), { prefix: '/api/patients' });
    await probe.ready();
    await probe.close();
    expect(rows.map((r) => r.route).sort()).toEqual(registered.sort());
    expect(Object.keys(REQUESTS).sort()).toEqual(registered.sort());
  });

  it('answers each cell as specified', async () => {
    const mismatches: string[] = [];
    for (const { route, byRole } of rows) {
      for (const role of BUILT_IN_ROLES) {
        for (const column of ['own', 'other'] as const) {
          const request = await REQUESTS[route]!(column === 'own' ? own : other);
          const res = await t.request({ ...request, cookie: users.get(role)!.cookie });
          const expected = byRole.get(role)![column];
          if (res.statusCode !== expected)
            mismatches.push(
              `${route} as ${role} (${column}): ${res.statusCode}, expected ${expected} ${res.body}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('answers 401 on every route without a session', async () => {
    for (const { route } of rows) {
      const res = await t.request(await REQUESTS[route]!(other));
      expect(res.statusCode, route).toBe(401);
    }
  });
});
