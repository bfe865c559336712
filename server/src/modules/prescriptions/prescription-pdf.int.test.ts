import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../../platform/pdf/pdf-extract.test-helper.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths } from '../../test/test-queries.ts';
import { addAllergy, insertPatient } from '../encounters/chart-fixtures.ts';
import { updateUser } from '../users/users.repository.ts';

let t: TestApp;
let doctor: TestUser;
let receptionist: TestUser;
let patientId: string;
let prescriptionId: string;

beforeAll(async () => {
  t = await createTestApp();
  doctor = await t.userWithRoles(['doctor']);
  receptionist = await t.userWithRoles(['receptionist']);
  await updateUser(t.app.ctx.db, doctor.id, { licenceNumber: 'PRC-0012345', name: 'Dr. José Peña' });
  patientId = await insertPatient(t.app.ctx.db, { givenName: 'María', familyName: 'Muñoz' });
  await addAllergy(t.app.ctx.db, patientId, 'Penicillin', { severity: 'severe', reaction: 'anaphylaxis' });
  const encounter = await t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/encounters`,
    cookie: doctor.cookie,
    payload: { type: 'consultation' },
  });
  const created = await t.request({
    method: 'POST',
    url: `/api/encounters/${encounter.json().id}/prescriptions`,
    cookie: doctor.cookie,
    payload: {
      items: [
        {
          drug: 'Azithromycin',
          strength: '500 mg',
          form: 'tablet',
          dose: '1 tablet',
          route: 'oral',
          frequency: 'once a day',
          durationDays: 3,
          quantity: 3,
          instructions: 'Tómese con agua',
        },
      ],
    },
  });
  prescriptionId = created.json().items[0].id;
});
afterAll(async () => t?.close());

describe('GET /api/prescriptions/:id/pdf', () => {
  it('prints the prescription on the letterhead with patient, allergies, drugs and licence, audited', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/prescriptions/${prescriptionId}/pdf`,
      cookie: doctor.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(res.rawPayload);
    for (const expected of [
      'Prescription',
      'María Muñoz',
      'Penicillin',
      'Azithromycin 500 mg tablet',
      'Tómese con agua',
      'Dr. José Peña',
      'PRC-0012345',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await auditOf(t.app.ctx.db, 'prescription.read', patientId)).not.toHaveLength(0);
    const es = await t.request({
      method: 'GET',
      url: `/api/prescriptions/${prescriptionId}/pdf?lang=es`,
      cookie: doctor.cookie,
    });
    expect(pdfToText(es.rawPayload)).toContain('Receta médica');
  });

  it('answers 401, 403 to the front desk, 404 for an unknown id and 400 for a bad one', async () => {
    const url = `/api/prescriptions/${prescriptionId}/pdf`;
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url, cookie: receptionist.cookie })).statusCode).toBe(403);
    const unknown = await t.request({
      method: 'GET',
      url: `/api/prescriptions/${randomUUID()}/pdf`,
      cookie: doctor.cookie,
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await t.request({ method: 'GET', url: '/api/prescriptions/x/pdf', cookie: doctor.cookie });
    expect(errorPaths(bad)).toEqual(['params.id']);
  });
});
