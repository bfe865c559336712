import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { insertPatient, portalPatient } from '../encounters/chart-fixtures.ts';
import { vitals } from './vitals.schema.ts';

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
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  cookie: string | null = nurse.cookie,
) => t.request({ method, url, cookie: cookie ?? undefined, ...(payload ? { payload } : {}) });

const record = (pid: string, body: object, cookie: string | null = nurse.cookie) =>
  send('POST', `/api/patients/${pid}/vitals`, body, cookie);

describe('POST /api/patients/:patientId/vitals', () => {
  it('records a reading with BMI computed, audited', async () => {
    const res = await record(patientId, {
      takenAt: '2025-05-01T08:00:00Z',
      systolic: 128,
      diastolic: 84,
      heartRate: 76,
      respiratoryRate: 16,
      temperatureC: 36.9,
      spo2: 97,
      heightCm: 170,
      weightKg: 65,
      painScore: 2,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      patientId,
      encounterId: null,
      takenAt: '2025-05-01T08:00:00.000Z',
      systolic: 128,
      temperatureC: 36.9,
      bmi: 22.5,
      recordedBy: nurse.id,
    });
    const [event] = await auditOf(t.app.ctx.db, 'vitals.create', res.json().id);
    expect(event).toMatchObject({ actorId: nurse.id, patientId });
    expect(event?.details).toMatchObject({
      measures: expect.arrayContaining(['systolic', 'heightCm', 'bmi', 'painScore']),
    });
  });

  it('computes BMI from the latest earlier height when only the weight is weighed', async () => {
    const pid = await insertPatient(t.app.ctx.db);
    await record(pid, { takenAt: '2025-01-01T08:00:00Z', heightCm: 180 });
    const res = await record(pid, { takenAt: '2025-02-01T08:00:00Z', weightKg: 100 });
    expect(res.json()).toMatchObject({ heightCm: null, weightKg: 100, bmi: 30.9 });
    const alone = await record(await insertPatient(t.app.ctx.db), { weightKg: 70 });
    expect(alone.json().bmi).toBeNull();
  });

  it('links to a draft encounter of the same patient only', async () => {
    const enc = (
      await send('POST', `/api/patients/${patientId}/encounters`, { type: 'consultation' })
    ).json();
    const res = await record(patientId, { encounterId: enc.id, heartRate: 88 });
    expect(res.statusCode).toBe(201);
    const other = await insertPatient(t.app.ctx.db);
    expect(errorPaths(await record(other, { encounterId: enc.id, heartRate: 88 }))).toEqual([
      'body.encounterId',
    ]);
    await send('PATCH', `/api/encounters/${enc.id}`, { plan: 'rest' });
    await send('POST', `/api/encounters/${enc.id}/sign`, undefined, doctor.cookie);
    expect((await record(patientId, { encounterId: enc.id, heartRate: 90 })).statusCode).toBe(409);
  });

  it('refuses implausible values with a message naming the field, writing nothing', async () => {
    const before = await snapshot(t.app.ctx.db, vitals);
    const cases: [object, string, string][] = [
      [{ systolic: 20, diastolic: 20 }, 'body.systolic', 'between 40 and 300 mmHg'],
      [{ systolic: 90, diastolic: 95 }, 'body.diastolic', 'lower than systolic'],
      [{ systolic: 120 }, 'body.diastolic', 'required with systolic'],
      [{ heartRate: 400 }, 'body.heartRate', 'between 20 and 300 bpm'],
      [{ respiratoryRate: 100 }, 'body.respiratoryRate', 'between 4 and 80'],
      [{ temperatureC: 98.6 }, 'body.temperatureC', 'between 30 and 45 °C'],
      [{ spo2: 40 }, 'body.spo2', 'between 50 and 100'],
      [{ heightCm: 300 }, 'body.heightCm', 'between 30 and 250 cm'],
      [{ weightKg: 0 }, 'body.weightKg', 'between 0.5 and 400 kg'],
      [{ painScore: -1 }, 'body.painScore', 'between 0 and 10'],
      [{ heartRate: '72' }, 'body.heartRate', 'must be a number'],
      [{ note: 'nothing measured' }, 'body', 'at least one measurement'],
      [{ heartRate: 70, takenAt: '2999-01-01T00:00:00Z' }, 'body.takenAt', 'future'],
      [{ heartRate: 70, bmi: 22 }, 'body.bmi', 'not a known field'],
    ];
    for (const [payload, path, message] of cases) {
      const res = await record(patientId, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors, JSON.stringify(payload)).toEqual([
        { path, message: expect.stringContaining(message) },
      ]);
    }
    expect(await snapshot(t.app.ctx.db, vitals)).toEqual(before);
  });

  it('answers 401, 403 to roles without chart:write and to patients, 404 for an unknown patient', async () => {
    expect((await record(patientId, { heartRate: 70 }, null)).statusCode).toBe(401);
    expect((await record(patientId, { heartRate: 70 }, receptionist.cookie)).statusCode).toBe(403);
    const { user, patientId: own } = await portalPatient(t);
    expect((await record(own, { heartRate: 70 }, user.cookie)).statusCode).toBe(403);
    expect((await record('00000000-0000-4000-8000-000000000000', { heartRate: 70 })).statusCode).toBe(404);
  });
});

describe('GET /api/patients/:patientId/vitals', () => {
  it('returns readings in a range, oldest first, audited', async () => {
    const pid = await insertPatient(t.app.ctx.db);
    for (const day of ['03', '01', '05', '04']) {
      await record(pid, { takenAt: `2025-06-${day}T08:00:00Z`, systolic: 120 + Number(day), diastolic: 80 });
    }
    const res = await send(
      'GET',
      `/api/patients/${pid}/vitals?from=2025-06-02T00:00:00Z&to=2025-06-04T23:00:00Z`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ truncated: false });
    expect(res.json().items.map((v: { systolic: number }) => v.systolic)).toEqual([123, 124]);
    const all = await send('GET', `/api/patients/${pid}/vitals`, undefined, doctor.cookie);
    expect(all.json().items.map((v: { systolic: number }) => v.systolic)).toEqual([121, 123, 124, 125]);
    const reads = await auditOf(t.app.ctx.db, 'vitals.read', pid);
    expect(reads).toHaveLength(2);
  });

  it('caps a trend at the 1000 most recent readings and says so', async () => {
    const pid = await insertPatient(t.app.ctx.db);
    const start = Date.parse('2024-01-01T00:00:00Z');
    const rows = Array.from({ length: 1005 }, (_, i) => ({
      patientId: pid,
      takenAt: new Date(start + i * 3_600_000),
      heartRate: 60 + (i % 40),
    }));
    await t.app.ctx.db.insert(vitals).values(rows);
    const res = await send('GET', `/api/patients/${pid}/vitals`);
    expect(res.json().truncated).toBe(true);
    expect(res.json().items).toHaveLength(1000);
    expect(res.json().items[0].takenAt).toBe(new Date(start + 5 * 3_600_000).toISOString());
  });

  it('lets a patient read their own vitals only; 403 to the receptionist; 400 on a bad range', async () => {
    const { user, patientId: own } = await portalPatient(t);
    await record(own, { heartRate: 66 });
    const mine = await send('GET', `/api/patients/${own}/vitals`, undefined, user.cookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(1);
    expect((await send('GET', `/api/patients/${patientId}/vitals`, undefined, user.cookie)).statusCode).toBe(
      404,
    );
    expect(
      (await send('GET', `/api/patients/${own}/vitals`, undefined, receptionist.cookie)).statusCode,
    ).toBe(403);
    expect((await send('GET', `/api/patients/${own}/vitals`, undefined, null)).statusCode).toBe(401);
    expect(errorPaths(await send('GET', `/api/patients/${own}/vitals?from=last-week`))).toEqual([
      'query.from',
    ]);
    const reversed = await send(
      'GET',
      `/api/patients/${own}/vitals?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z`,
    );
    expect(errorPaths(reversed)).toEqual(['query.from']);
  });
});

describe('GET /api/patients/:patientId/vitals/latest', () => {
  it('gives the latest value of each measure, whichever reading it came from', async () => {
    const pid = await insertPatient(t.app.ctx.db);
    const first = (
      await record(pid, {
        takenAt: '2025-03-01T08:00:00Z',
        heightCm: 160,
        weightKg: 64,
        systolic: 140,
        diastolic: 90,
      })
    ).json();
    const second = (
      await record(pid, { takenAt: '2025-03-02T08:00:00Z', systolic: 130, diastolic: 85 })
    ).json();
    const res = await send('GET', `/api/patients/${pid}/vitals/latest`, undefined, doctor.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      systolic: { value: 130, vitalsId: second.id, takenAt: '2025-03-02T08:00:00.000Z' },
      diastolic: { value: 85 },
      heightCm: { value: 160, vitalsId: first.id },
      bmi: { value: 25 },
      heartRate: null,
      painScore: null,
    });
    expect(await auditOf(t.app.ctx.db, 'vitals.read', pid)).toHaveLength(1);
  });

  it('answers 401, 403 and 404', async () => {
    expect((await send('GET', `/api/patients/${patientId}/vitals/latest`, undefined, null)).statusCode).toBe(
      401,
    );
    expect(
      (await send('GET', `/api/patients/${patientId}/vitals/latest`, undefined, receptionist.cookie))
        .statusCode,
    ).toBe(403);
    expect(
      (await send('GET', '/api/patients/00000000-0000-4000-8000-000000000000/vitals/latest')).statusCode,
    ).toBe(404);
  });
});
