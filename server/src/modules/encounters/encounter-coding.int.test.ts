import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { insertPatient } from './chart-fixtures.ts';
import { encounterDiagnoses, encounterProcedures } from './encounters.schema.ts';

let t: TestApp;
let doctor: TestUser;
let nurse: TestUser;
let receptionist: TestUser;
let patientId: string;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  doctor = await t.userWithRoles(['doctor']);
  nurse = await t.userWithRoles(['nurse']);
  receptionist = await t.userWithRoles(['receptionist']);
  patientId = await insertPatient(t.app.ctx.db);
});
afterAll(async () => t?.close());

const send = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  cookie: string | null = doctor.cookie,
) => t.request({ method, url, cookie: cookie ?? undefined, ...(payload ? { payload } : {}) });

async function draft(): Promise<string> {
  const res = await send('POST', `/api/patients/${patientId}/encounters`, { type: 'consultation' });
  return res.json().id;
}

async function sign(id: string): Promise<void> {
  await send('PATCH', `/api/encounters/${id}`, { plan: 'Review in a week' });
  expect((await send('POST', `/api/encounters/${id}/sign`)).statusCode).toBe(200);
}

describe('POST /api/encounters/:id/diagnoses', () => {
  it('codes with ICD-10 (dot optional), first primary then secondary by default, audited', async () => {
    const id = await draft();
    const first = await send('POST', `/api/encounters/${id}/diagnoses`, {
      code: 'j069',
      note: 'since Monday',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      encounterId: id,
      code: 'J06.9',
      description: 'Acute upper respiratory infection, unspecified',
      kind: 'primary',
      note: 'since Monday',
    });
    const second = await send('POST', `/api/encounters/${id}/diagnoses`, { code: 'R05.9' }, nurse.cookie);
    expect(second.json()).toMatchObject({ code: 'R05.9', kind: 'secondary' });
    const [event] = await auditOf(t.app.ctx.db, 'diagnosis.add', id);
    expect(event).toMatchObject({
      actorId: doctor.id,
      patientId,
      details: { code: 'J06.9', kind: 'primary' },
    });
    const detail = (await send('GET', `/api/encounters/${id}`)).json();
    expect(detail.diagnoses.map((d: { code: string }) => d.code)).toEqual(['J06.9', 'R05.9']);
  });

  it('refuses unknown codes, duplicates and a second primary with 400 naming the field, writing nothing', async () => {
    const id = await draft();
    await send('POST', `/api/encounters/${id}/diagnoses`, { code: 'I10', kind: 'primary' });
    const before = await snapshot(t.app.ctx.db, encounterDiagnoses);
    const cases: [object, string][] = [
      [{ code: 'Z99.999' }, 'body.code'],
      [{ code: 'not a code' }, 'body.code'],
      [{}, 'body.code'],
      [{ code: 'I10' }, 'body.code'],
      [{ code: 'E11.9', kind: 'primary' }, 'body.kind'],
      [{ code: 'E11.9', kind: 'main' }, 'body.kind'],
      [{ code: 'E11.9', note: 'x'.repeat(1001) }, 'body.note'],
    ];
    for (const [payload, path] of cases) {
      const res = await send('POST', `/api/encounters/${id}/diagnoses`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    expect(await snapshot(t.app.ctx.db, encounterDiagnoses)).toEqual(before);
  });

  it('answers 409 on a signed encounter, 401, 403 and 404', async () => {
    const id = await draft();
    await sign(id);
    expect((await send('POST', `/api/encounters/${id}/diagnoses`, { code: 'I10' })).statusCode).toBe(409);
    expect((await send('POST', `/api/encounters/${id}/diagnoses`, { code: 'I10' }, null)).statusCode).toBe(
      401,
    );
    const denied = await send(
      'POST',
      `/api/encounters/${id}/diagnoses`,
      { code: 'I10' },
      receptionist.cookie,
    );
    expect(denied.statusCode).toBe(403);
    const missing = await send('POST', '/api/encounters/00000000-0000-4000-8000-000000000000/diagnoses', {
      code: 'I10',
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('DELETE /api/encounters/:id/diagnoses/:diagnosisId', () => {
  it('removes a diagnosis while the encounter is a draft, audited; never once signed', async () => {
    const id = await draft();
    const dx = (await send('POST', `/api/encounters/${id}/diagnoses`, { code: 'K21.9' })).json();
    const res = await send('DELETE', `/api/encounters/${id}/diagnoses/${dx.id}`);
    expect(res.statusCode).toBe(200);
    const [event] = await auditOf(t.app.ctx.db, 'diagnosis.delete', id);
    expect(event).toMatchObject({ patientId, details: { diagnosisId: dx.id, code: 'K21.9' } });
    expect((await send('DELETE', `/api/encounters/${id}/diagnoses/${dx.id}`)).statusCode).toBe(404);

    const kept = (await send('POST', `/api/encounters/${id}/diagnoses`, { code: 'K30' })).json();
    await sign(id);
    expect((await send('DELETE', `/api/encounters/${id}/diagnoses/${kept.id}`)).statusCode).toBe(409);
    expect(
      (await send('DELETE', `/api/encounters/${id}/diagnoses/${kept.id}`, undefined, null)).statusCode,
    ).toBe(401);
    expect(
      (await send('DELETE', `/api/encounters/${id}/diagnoses/${kept.id}`, undefined, receptionist.cookie))
        .statusCode,
    ).toBe(403);
    expect(errorPaths(await send('DELETE', `/api/encounters/${id}/diagnoses/nope`))).toEqual([
      'params.diagnosisId',
    ]);
    const detail = (await send('GET', `/api/encounters/${id}`)).json();
    expect(detail.diagnoses.map((d: { code: string }) => d.code)).toEqual(['K30']);
  });
});

describe('POST /api/encounters/:id/procedures', () => {
  it('records a procedure with an optional code and time, audited', async () => {
    const id = await draft();
    const res = await send(
      'POST',
      `/api/encounters/${id}/procedures`,
      { description: 'Wound suturing, 3 stitches', code: '12001', performedAt: '2025-02-03T04:05:06Z' },
      nurse.cookie,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      encounterId: id,
      description: 'Wound suturing, 3 stitches',
      code: '12001',
      performedAt: '2025-02-03T04:05:06.000Z',
      performedBy: nurse.id,
    });
    const [event] = await auditOf(t.app.ctx.db, 'procedure.add', id);
    expect(event).toMatchObject({ actorId: nurse.id, patientId });
    const removed = await send('DELETE', `/api/encounters/${id}/procedures/${res.json().id}`);
    expect(removed.statusCode).toBe(200);
    expect(await auditOf(t.app.ctx.db, 'procedure.delete', id)).toHaveLength(1);
  });

  it('refuses bad input (400), signed encounters (409), 401 and 403, writing nothing', async () => {
    const id = await draft();
    const before = await snapshot(t.app.ctx.db, encounterProcedures);
    expect(errorPaths(await send('POST', `/api/encounters/${id}/procedures`, { description: '' }))).toEqual([
      'body.description',
    ]);
    expect(
      errorPaths(
        await send('POST', `/api/encounters/${id}/procedures`, { description: 'x', performedAt: 'today' }),
      ),
    ).toEqual(['body.performedAt']);
    expect(
      errorPaths(
        await send('POST', `/api/encounters/${id}/procedures`, { description: 'x', code: 'x'.repeat(21) }),
      ),
    ).toEqual(['body.code']);
    await sign(id);
    expect((await send('POST', `/api/encounters/${id}/procedures`, { description: 'x' })).statusCode).toBe(
      409,
    );
    expect(
      (await send('POST', `/api/encounters/${id}/procedures`, { description: 'x' }, null)).statusCode,
    ).toBe(401);
    const denied = await send(
      'POST',
      `/api/encounters/${id}/procedures`,
      { description: 'x' },
      receptionist.cookie,
    );
    expect(denied.statusCode).toBe(403);
    expect(await snapshot(t.app.ctx.db, encounterProcedures)).toEqual(before);
  });
});
