import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { insertAppointment, insertDepartment, insertService } from '../queue/queue-fixtures.ts';
import { attachments } from './attachments.schema.ts';

let t: TestApp;
let doctor: TestUser;
let colleague: TestUser;
let nurse: TestUser;
let receptionist: TestUser;

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('lab sheet')]);

beforeAll(async () => {
  t = await createTestApp();
  doctor = await t.userWithRoles(['doctor']);
  colleague = await t.userWithRoles(['doctor']);
  nurse = await t.userWithRoles(['nurse']);
  receptionist = await t.userWithRoles(['receptionist']);
});
afterAll(async () => t?.close());

async function upload(patientId: string, filename: string, cookie = nurse.cookie): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/attachments?filename=${filename}&kind=lab-result`,
    cookie,
    headers: { 'content-type': 'image/png' },
    payload: PNG,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const recent = (cookie: string) => t.request({ method: 'GET', url: '/api/attachments/recent', cookie });

describe('GET /api/attachments/recent', () => {
  it("lists files others added lately for the caller's patients (seen or booked), newest first, audited", async () => {
    const db = t.app.ctx.db;
    const seen = await insertPatient(db);
    const booked = await insertPatient(db);
    const stranger = await insertPatient(db);
    const opened = await t.request({
      method: 'POST',
      url: `/api/patients/${seen}/encounters`,
      cookie: doctor.cookie,
      payload: { type: 'consultation' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const service = await insertService(db, await insertDepartment(db, 'R'), [doctor.id]);
    await insertAppointment(db, { patientId: booked, providerId: doctor.id, serviceId: service });

    const old = await upload(seen, 'old.png');
    await db
      .update(attachments)
      .set({ createdAt: new Date(Date.now() - 20 * 86_400_000) })
      .where(eq(attachments.id, old));
    const first = await upload(seen, 'cbc.png');
    const second = await upload(booked, 'xray.png');
    await upload(seen, 'mine.png', doctor.cookie);
    await upload(stranger, 'other.png');

    const res = await recent(doctor.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; patientId: string; filename: string }[];
    expect(items.map((i) => i.id)).toEqual([second, first]);
    expect(res.json().items[0]).toMatchObject({
      patientId: booked,
      filename: 'xray.png',
      kind: 'lab-result',
      contentType: 'image/png',
      uploadedByName: 'Test nurse',
      mrn: expect.any(String),
      patientName: expect.any(String),
    });

    const events = await auditOf(db, 'attachment.list_recent');
    expect(events.at(-1)).toMatchObject({ actorId: doctor.id });
    expect(new Set(events.at(-1)?.details.patientIds as string[])).toEqual(new Set([seen, booked]));
    expect((await recent(colleague.cookie)).json().items).toEqual([]);
  });

  it('is refused to whoever may not read charts', async () => {
    expect((await recent(receptionist.cookie)).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/attachments/recent' })).statusCode).toBe(401);
  });
});
