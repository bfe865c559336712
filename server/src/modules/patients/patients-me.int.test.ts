import type { Patient } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { registerPatient } from './patient-test-fixtures.ts';
import { updatePatient } from './patients.service.ts';

let t: TestApp;
let linkedUser: TestUser;
let linked: Patient;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  linkedUser = await t.userWithRoles(['patient']);
  await registerPatient(t, { givenName: 'Otto' });
  linked = await registerPatient(t, {
    givenName: 'Owen',
    allergies: [{ substance: 'Latex', severity: 'mild' }],
  });
  await updatePatient(t.app.ctx, SYSTEM_ACTOR, linked.id, { userId: linkedUser.id });
});
afterAll(async () => t?.close());

describe('GET /api/patients/me', () => {
  it("returns the signed-in patient's own record, as GET /:id does, and audits the read", async () => {
    const before = (await auditOf(t.app.ctx.db, 'patient.read', linked.id)).length;
    const res = await t.request({ method: 'GET', url: '/api/patients/me', cookie: linkedUser.cookie });
    expect(res.statusCode, res.body).toBe(200);
    const byId = await t.request({
      method: 'GET',
      url: `/api/patients/${linked.id}`,
      cookie: linkedUser.cookie,
    });
    expect(res.json()).toEqual(byId.json());
    expect(res.json()).toMatchObject({ id: linked.id, userId: linkedUser.id, givenName: 'Owen' });
    const reads = await auditOf(t.app.ctx.db, 'patient.read', linked.id);
    expect(reads.length).toBe(before + 2);
    expect(reads.at(-2)).toMatchObject({ actorId: linkedUser.id, patientId: linked.id, outcome: 'success' });
  });

  it('answers 404 with a clear message to a patient account with no linked record', async () => {
    const unlinked = await t.userWithRoles(['patient']);
    const res = await t.request({ method: 'GET', url: '/api/patients/me', cookie: unlinked.cookie });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe('No patient record is linked to this account.');
  });

  it('answers 403 to staff, who hold no portal:self, and 401 without a session', async () => {
    for (const role of ['admin', 'doctor', 'receptionist']) {
      const staff = await t.userWithRoles([role]);
      const res = await t.request({ method: 'GET', url: '/api/patients/me', cookie: staff.cookie });
      expect(res.statusCode, role).toBe(403);
    }
    expect((await t.request({ method: 'GET', url: '/api/patients/me' })).statusCode).toBe(401);
  });
});
