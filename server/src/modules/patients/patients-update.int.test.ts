import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { registerPatient } from './patient-test-fixtures.ts';
import { patientIdentifiers, patients } from './patients.schema.ts';

let t: TestApp;
let clerk: TestUser;
let nurse: TestUser;
let accountant: TestUser;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  clerk = await t.userWithRoles(['receptionist']);
  nurse = await t.userWithRoles(['nurse']);
  accountant = await t.userWithRoles(['accountant']);
});
afterAll(async () => t?.close());

const patch = (id: string, payload: Record<string, unknown>, cookie: string | null = clerk.cookie) =>
  t.request({ method: 'PATCH', url: `/api/patients/${id}`, cookie: cookie ?? undefined, payload });
const get = (id: string, cookie: string | null = clerk.cookie) =>
  t.request({ method: 'GET', url: `/api/patients/${id}`, cookie: cookie ?? undefined });
const tables = async () => [
  await snapshot(t.app.ctx.db, patients),
  await snapshot(t.app.ctx.db, patientIdentifiers),
];

describe('GET /api/patients/:id', () => {
  it('returns demographics, identifiers, allergies and conditions, and audits the read', async () => {
    const p = await registerPatient(t, {
      identifiers: [{ type: 'employee', value: 'E-1' }],
      allergies: [{ substance: 'Latex', severity: 'mild' }],
      conditions: [{ name: 'Asthma' }],
    });
    const res = await get(p.id, accountant.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: p.id,
      identifiers: [{ type: 'employee', value: 'E-1' }],
      allergies: [{ substance: 'Latex' }],
      conditions: [{ name: 'Asthma' }],
    });
    const reads = await auditOf(t.app.ctx.db, 'patient.read', p.id);
    expect(reads.at(-1)).toMatchObject({ actorId: accountant.id, patientId: p.id, outcome: 'success' });
  });

  it('answers 401 without a session, 404 for an unknown id and 400 for a malformed one', async () => {
    const p = await registerPatient(t);
    expect((await get(p.id, null)).statusCode).toBe(401);
    expect((await get('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await get('not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['params.id']);
  });
});

describe('PATCH /api/patients/:id', () => {
  it('edits fields, audits before/after of what changed only, and search follows a rename', async () => {
    const p = await registerPatient(t, { givenName: 'Rita', familyName: 'Oldname', phone: '2015550142' });
    const res = await patch(p.id, {
      familyName: 'Núñez',
      phone: '201-555-0142',
      email: 'rita@example.org',
      identifiers: [{ type: 'insurance', value: 'ins-9' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      familyName: 'Núñez',
      phone: '+12015550142',
      identifiers: [{ type: 'insurance', value: 'INS-9' }],
    });
    const [event] = await auditOf(t.app.ctx.db, 'patient.update', p.id);
    expect(event?.actorId).toBe(clerk.id);
    expect(event?.details).toEqual({
      changes: {
        familyName: { from: 'Oldname', to: 'Núñez' },
        email: { from: null, to: 'rita@example.org' },
        identifiers: { from: [], to: [{ type: 'insurance', value: 'INS-9' }] },
      },
    });
    const found = await t.request({ method: 'GET', url: '/api/patients?q=nunez%20ri', cookie: clerk.cookie });
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([p.id]);
  });

  it('clears optional fields with null or blank', async () => {
    const p = await registerPatient(t, { middleName: 'Lou', email: 'x@example.org', bloodType: 'A+' });
    const res = await patch(p.id, { middleName: '', email: null, bloodType: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ middleName: null, email: null, bloodType: null });
  });

  it('links a portal account holding the patient role, once', async () => {
    const a = await registerPatient(t);
    const b = await registerPatient(t);
    const portal = await t.userWithRoles(['patient']);
    const before = await tables();
    const notPatient = await patch(a.id, { userId: nurse.id });
    expect(notPatient.statusCode).toBe(400);
    expect(errorPaths(notPatient)).toEqual(['body.userId']);
    const unknown = await patch(a.id, { userId: '00000000-0000-4000-8000-000000000000' });
    expect(errorPaths(unknown)).toEqual(['body.userId']);
    expect(await tables()).toEqual(before);
    expect((await patch(a.id, { userId: portal.id })).json().userId).toBe(portal.id);
    const taken = await patch(b.id, { userId: portal.id });
    expect(taken.statusCode).toBe(409);
    expect(errorPaths(taken)).toEqual(['body.userId']);
    expect((await patch(a.id, { userId: null })).json().userId).toBeNull();
  });

  it('refuses bad input with 400 naming the field and changes nothing', async () => {
    const p = await registerPatient(t, { identifiers: [{ type: 'national', value: 'N-55' }] });
    const other = await registerPatient(t, { identifiers: [{ type: 'national', value: 'N-56' }] });
    const before = await tables();
    const cases: [Record<string, unknown>, string, number][] = [
      [{ birthDate: '3000-01-01' }, 'body.birthDate', 400],
      [{ phone: '999' }, 'body.phone', 400],
      [{ familyName: '' }, 'body.familyName', 400],
      [{ mrn: 'NEW' }, 'body.mrn', 400],
      [{ sex: null }, 'body.sex', 400],
      [{ identifiers: [{ type: 'national', value: 'n-56' }] }, 'body.identifiers.0.value', 409],
    ];
    for (const [body, path, status] of cases) {
      const res = await patch(p.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(errorPaths(res), JSON.stringify(body)).toEqual([path]);
    }
    expect(await tables()).toEqual(before);
    expect(other.identifiers).toEqual([{ type: 'national', value: 'N-56' }]);
  });

  it('answers 401, 403 without patients:write, 404 unknown, 409 on a merged record', async () => {
    const p = await registerPatient(t);
    const into = await registerPatient(t);
    expect((await patch(p.id, { gender: 'woman' }, null)).statusCode).toBe(401);
    expect((await patch(p.id, { gender: 'woman' }, accountant.cookie)).statusCode).toBe(403);
    expect((await patch('00000000-0000-4000-8000-000000000000', { gender: 'x' })).statusCode).toBe(404);
    const admin = await t.userWithRoles(['admin']);
    await t.request({
      method: 'POST',
      url: `/api/patients/${p.id}/merge`,
      cookie: admin.cookie,
      payload: { intoId: into.id },
    });
    expect((await patch(p.id, { gender: 'woman' })).statusCode).toBe(409);
    expect((await get(p.id)).json().mergedIntoId).toBe(into.id);
  });
});
