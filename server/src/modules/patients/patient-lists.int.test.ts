import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { registerPatient } from './patient-test-fixtures.ts';
import { patientAllergies, patientConditions } from './patients.schema.ts';

let t: TestApp;
let nurse: TestUser;
let clerk: TestUser;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  nurse = await t.userWithRoles(['nurse']);
  clerk = await t.userWithRoles(['receptionist']);
});
afterAll(async () => t?.close());

const send = (
  method: 'POST' | 'PATCH',
  url: string,
  payload: unknown,
  cookie: string | null = nurse.cookie,
) => t.request({ method, url, payload: payload as Record<string, unknown>, cookie: cookie ?? undefined });
const lists = async () => [
  await snapshot(t.app.ctx.db, patientAllergies),
  await snapshot(t.app.ctx.db, patientConditions),
];

describe('allergies', () => {
  it('adds one and deactivates it, audited with the changes', async () => {
    const p = await registerPatient(t);
    const add = await send('POST', `/api/patients/${p.id}/allergies`, {
      substance: 'Peanuts',
      reaction: 'hives',
      severity: 'severe',
    });
    expect(add.statusCode, add.body).toBe(201);
    const allergy = add.json();
    expect(allergy).toMatchObject({ substance: 'Peanuts', status: 'active', recordedBy: nurse.id });
    const off = await send('PATCH', `/api/patients/${p.id}/allergies/${allergy.id}`, { status: 'inactive' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().status).toBe('inactive');
    const events = await auditOf(t.app.ctx.db, 'patient.allergy.update', p.id);
    expect(events[0]?.details).toEqual({
      id: allergy.id,
      changes: { status: { from: 'active', to: 'inactive' } },
    });
    expect(await auditOf(t.app.ctx.db, 'patient.allergy.create', p.id)).toHaveLength(1);
    const read = await t.request({ method: 'GET', url: `/api/patients/${p.id}`, cookie: clerk.cookie });
    expect(read.json().allergies).toMatchObject([{ id: allergy.id, status: 'inactive' }]);
  });

  it('answers 401, 403 without chart:write, 404 for an allergy of another patient, 400 naming the field', async () => {
    const p = await registerPatient(t);
    const other = await registerPatient(t, { allergies: [{ substance: 'Dust', severity: 'mild' }] });
    const before = await lists();
    const url = `/api/patients/${p.id}/allergies`;
    expect((await send('POST', url, { substance: 'A', severity: 'mild' }, null)).statusCode).toBe(401);
    expect((await send('POST', url, { substance: 'A', severity: 'mild' }, clerk.cookie)).statusCode).toBe(
      403,
    );
    const bad = await send('POST', url, { substance: 'A', severity: 'fatal' });
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['body.severity']);
    const blank = await send('POST', url, { substance: ' ', severity: 'mild' });
    expect(errorPaths(blank)).toEqual(['body.substance']);
    const wrong = await send('PATCH', `${url}/${other.allergies[0]!.id}`, { status: 'inactive' });
    expect(wrong.statusCode).toBe(404);
    const unknownField = await send('PATCH', `${url}/${other.allergies[0]!.id}`, { substance: 'B' });
    expect(errorPaths(unknownField)).toEqual(['body.substance']);
    expect(await lists()).toEqual(before);
  });
});

describe('conditions', () => {
  it('adds one and resolves it; refuses a bad code naming the field', async () => {
    const p = await registerPatient(t);
    const url = `/api/patients/${p.id}/conditions`;
    const add = await send('POST', url, { name: 'Hypertension', icd10Code: 'i10', since: '2015-06-01' });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ icd10Code: 'I10', since: '2015-06-01', status: 'active' });
    const done = await send('PATCH', `${url}/${add.json().id}`, { status: 'resolved' });
    expect(done.json().status).toBe('resolved');
    expect(await auditOf(t.app.ctx.db, 'patient.condition.update', p.id)).toHaveLength(1);
    const before = await lists();
    for (const [body, path] of [
      [{ name: 'X', icd10Code: '12345' }, 'body.icd10Code'],
      [{ name: 'X', since: '2015-13-01' }, 'body.since'],
      [{ icd10Code: 'I10' }, 'body.name'],
    ] as const) {
      const res = await send('POST', url, body);
      expect(res.statusCode).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    expect((await send('POST', url, { name: 'X' }, clerk.cookie)).statusCode).toBe(403);
    expect(await lists()).toEqual(before);
  });
});
