import { randomUUID } from 'node:crypto';
import type { Patient } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { registerPatient } from './patient-test-fixtures.ts';
import { updatePatient } from './patients.service.ts';

let t: TestApp;
let nurse: TestUser;
let portal: TestUser;
let patient: Patient;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  nurse = await t.userWithRoles(['nurse']);
  portal = await t.userWithRoles(['patient']);
  patient = await registerPatient(t, {
    givenName: 'Rosa',
    identifiers: [{ type: 'national', value: 'rd-778' }],
    allergies: [
      { substance: 'Latex', reaction: 'hives', severity: 'mild' },
      { substance: 'Penicillin', severity: 'severe' },
    ],
    conditions: [{ name: 'Asthma', icd10Code: 'J45.909', since: '2010-05-01' }],
    address: { line1: 'Calle 5', city: 'Quito' },
    emergencyContacts: [{ name: 'Ana', relationship: 'sister', phone: '+12015550123' }],
  });
  patient = await updatePatient(t.app.ctx, SYSTEM_ACTOR, patient.id, { userId: portal.id });
});
afterAll(async () => t?.close());

describe('GET /api/patients/:id', () => {
  it('returns the whole record, parts included, exactly as written, with one audit event naming the patient', async () => {
    const before = (await auditOf(t.app.ctx.db, 'patient.read', patient.id)).length;
    const res = await t.request({ method: 'GET', url: `/api/patients/${patient.id}`, cookie: nurse.cookie });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(patient);
    expect(res.json()).toMatchObject({
      identifiers: [{ type: 'national', value: 'RD-778' }],
      conditions: [{ name: 'Asthma', since: '2010-05-01' }],
      address: { line1: 'Calle 5', city: 'Quito' },
    });
    // Recorded in one statement, so at the same moment: their order is the ids'.
    const substances = (res.json() as Patient).allergies.map((a) => a.substance).sort();
    expect(substances).toEqual(['Latex', 'Penicillin']);
    const reads = await auditOf(t.app.ctx.db, 'patient.read', patient.id);
    expect(reads.length).toBe(before + 1);
    expect(reads.at(-1)).toMatchObject({ actorId: nurse.id, patientId: patient.id, outcome: 'success' });
  });

  it('gives a patient reading their own record the same body, also audited', async () => {
    const before = (await auditOf(t.app.ctx.db, 'patient.read', patient.id)).length;
    const own = await t.request({ method: 'GET', url: `/api/patients/${patient.id}`, cookie: portal.cookie });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual(patient);
    expect((await auditOf(t.app.ctx.db, 'patient.read', patient.id)).length).toBe(before + 1);
  });

  it('answers 404 for an unknown id and records no read of a record that does not exist', async () => {
    const id = randomUUID();
    const res = await t.request({ method: 'GET', url: `/api/patients/${id}`, cookie: nurse.cookie });
    expect(res.statusCode).toBe(404);
    expect(await auditOf(t.app.ctx.db, 'patient.read', id)).toEqual([]);
  });
});
