import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { patientInput, registerPatient } from './patient-test-fixtures.ts';
import { patients } from './patients.schema.ts';

let t: TestApp;
let clerk: TestUser;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  clerk = await t.userWithRoles(['receptionist']);
});
afterAll(async () => t?.close());

const check = (query: string, cookie: string | null = clerk.cookie) =>
  t.request({ method: 'GET', url: `/api/patients/duplicates?${query}`, cookie: cookie ?? undefined });

describe('GET /api/patients/duplicates', () => {
  it('finds the same normalised name and birth date (middle names aside), or the same phone', async () => {
    const carlos = await registerPatient(t, {
      givenName: 'Carlos',
      middleName: 'Andrés',
      familyName: 'Peña',
      birthDate: '1970-05-05',
      phone: '+12015550111',
    });
    const byName = await check('givenName=CARLOS&familyName=pena&birthDate=1970-05-05');
    expect(byName.statusCode).toBe(200);
    expect(byName.json().candidates).toMatchObject([{ id: carlos.id, reasons: ['name-and-birth-date'] }]);
    const byPhone = await check(`phone=${encodeURIComponent('(201) 555-0111')}&givenName=Other`);
    expect(byPhone.json().candidates).toMatchObject([{ id: carlos.id, reasons: ['phone'] }]);
    const both = await check('givenName=Carlos&familyName=Peña&birthDate=1970-05-05&altPhone=2015550111');
    expect(both.json().candidates[0].reasons).toEqual(['name-and-birth-date', 'phone']);
    expect((await check('givenName=Carlos&familyName=Peña&birthDate=1970-05-06')).json().candidates).toEqual(
      [],
    );
    expect((await check('givenName=Carlos&familyName=Peña')).json().candidates).toEqual([]);
    expect(await auditOf(t.app.ctx.db, 'patient.duplicates.check')).not.toHaveLength(0);
  });

  it('answers 400 naming a bad phone, 401 without a session, 403 to the patient role', async () => {
    const bad = await check('phone=12');
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['query.phone']);
    expect(errorPaths(await check('birthDate=1970-02-31'))).toEqual(['query.birthDate']);
    expect((await check('givenName=a', null)).statusCode).toBe(401);
    const portal = await t.userWithRoles(['patient']);
    expect((await check('givenName=a', portal.cookie)).statusCode).toBe(403);
  });
});

describe('POST /api/patients with possible duplicates', () => {
  it('answers 409 naming the candidates MRNs and writes nothing, then registers when confirmed', async () => {
    const first = await registerPatient(t, {
      givenName: 'Lucía',
      familyName: 'Ibáñez',
      birthDate: '1992-12-01',
    });
    const payload = patientInput({ givenName: 'lucia', familyName: 'IBANEZ', birthDate: '1992-12-01' });
    const before = await snapshot(t.app.ctx.db, patients);
    const warned = await t.request({ method: 'POST', url: '/api/patients', cookie: clerk.cookie, payload });
    expect(warned.statusCode).toBe(409);
    expect(warned.json()).toMatchObject({ code: 'conflict' });
    expect(warned.json().detail).toContain(first.mrn);
    expect(await snapshot(t.app.ctx.db, patients)).toEqual(before);
    const confirmed = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie: clerk.cookie,
      payload: { ...payload, confirmDuplicate: true },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const [event] = await auditOf(t.app.ctx.db, 'patient.create', confirmed.json().id);
    expect(event?.details).toMatchObject({
      duplicateConfirmed: true,
      duplicateCandidates: [{ id: first.id, mrn: first.mrn }],
    });
  });

  it('warns about a shared phone too', async () => {
    await registerPatient(t, { phone: '+12015550177' });
    const res = await t.request({
      method: 'POST',
      url: '/api/patients',
      cookie: clerk.cookie,
      payload: patientInput({ altPhone: '201 555 0177' }),
    });
    expect(res.statusCode).toBe(409);
  });
});
