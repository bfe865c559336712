import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { insertPatient } from './chart-fixtures.ts';

let t: TestApp;
let doctor: TestUser;
let other: TestUser;
let receptionist: TestUser;
let patientA: string;
let patientB: string;
beforeAll(async () => {
  t = await createTestApp();
  doctor = await t.userWithRoles(['doctor']);
  other = await t.userWithRoles(['doctor']);
  receptionist = await t.userWithRoles(['receptionist']);
  patientA = await insertPatient(t.app.ctx.db);
  patientB = await insertPatient(t.app.ctx.db);
});
afterAll(async () => t?.close());

const open = async (patientId: string, cookie: string, startedAt: string) => {
  const res = await t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/encounters`,
    cookie,
    payload: { type: 'consultation', chiefComplaint: 'Cough', startedAt },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const unsigned = (cookie: string) => t.request({ method: 'GET', url: '/api/encounters/unsigned', cookie });

describe('GET /api/encounters/unsigned', () => {
  it("lists the caller's own drafts, oldest first, not signed ones nor colleagues', and audits the patients", async () => {
    const later = await open(patientA, doctor.cookie, '2026-03-02T10:00:00.000Z');
    const earlier = await open(patientB, doctor.cookie, '2026-03-01T09:00:00.000Z');
    const signed = await open(patientA, doctor.cookie, '2026-02-01T09:00:00.000Z');
    await t.request({
      method: 'PATCH',
      url: `/api/encounters/${signed}`,
      cookie: doctor.cookie,
      payload: { assessment: 'ok' },
    });
    expect(
      (await t.request({ method: 'POST', url: `/api/encounters/${signed}/sign`, cookie: doctor.cookie }))
        .statusCode,
    ).toBe(200);
    await open(patientA, other.cookie, '2026-01-01T09:00:00.000Z');

    const res = await unsigned(doctor.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([earlier, later]);
    expect(body.items[0]).toMatchObject({
      patientId: patientB,
      type: 'consultation',
      chiefComplaint: 'Cough',
      startedAt: '2026-03-01T09:00:00.000Z',
      mrn: expect.any(String),
      patientName: expect.any(String),
    });
    const events = await auditOf(t.app.ctx.db, 'encounter.list_unsigned');
    expect(events.at(-1)).toMatchObject({ actorId: doctor.id });
    expect(new Set(events.at(-1)?.details.patientIds as string[])).toEqual(new Set([patientA, patientB]));
  });

  it('is refused to whoever does not write notes', async () => {
    expect((await unsigned(receptionist.cookie)).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/encounters/unsigned' })).statusCode).toBe(401);
  });
});
