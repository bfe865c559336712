import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { snapshot } from '../../test/test-queries.ts';
import { patients } from '../patients/patients.schema.ts';
import {
  addService,
  addWeeklyHours,
  clinicSettings,
  NY,
  patientWith,
  provider,
  restoreClock,
  startClockAt,
} from './appointment-test-fixtures.ts';
import { appointments } from './appointments.schema.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
let dentist: TestUser;
let serviceId: string;

beforeAll(async () => {
  startClockAt('2026-02-02T12:00:00Z');
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  await clinicSettings(t, { timeZone: NY });
  admin = await t.userWithRoles(['admin']);
  doctor = await provider(t, 'Dr Ada Park');
  dentist = await provider(t, 'Dr Luis Diaz', 'dentist');
  await addWeeklyHours(t.app.ctx.db, doctor.id);
  await addWeeklyHours(t.app.ctx.db, dentist.id);
  serviceId = await addService(t.app.ctx.db, { providerIds: [doctor.id, dentist.id], durationMinutes: 30 });
});
afterAll(async () => {
  await t?.close();
  restoreClock();
});

const book = async (patientId: string, providerId: string, startsAt: string) => {
  const res = await t.request({
    method: 'POST',
    url: '/api/appointments',
    cookie: admin.cookie,
    payload: { patientId, providerId, serviceId, startsAt },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};
const merge = (id: string, intoId: string) =>
  t.request({ method: 'POST', url: `/api/patients/${id}/merge`, cookie: admin.cookie, payload: { intoId } });

describe('merging patients with appointments', () => {
  it('refuses with 409 when both records hold overlapping appointments; nothing moves', async () => {
    const duplicate = await patientWith(t.app.ctx.db);
    const survivor = await patientWith(t.app.ctx.db);
    await book(duplicate, doctor.id, '2026-02-10T15:00:00Z');
    await book(survivor, dentist.id, '2026-02-10T15:15:00Z');
    const before = [await snapshot(t.app.ctx.db, appointments), await snapshot(t.app.ctx.db, patients)];
    const res = await merge(duplicate, survivor);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().detail).toBe(
      'Records in appointments could not move to the surviving patient (both records have appointments at ' +
        'overlapping times; cancel or move one of them first); nothing was merged.',
    );
    expect([await snapshot(t.app.ctx.db, appointments), await snapshot(t.app.ctx.db, patients)]).toEqual(
      before,
    );
  });

  it('moves the appointments when their times do not overlap', async () => {
    const duplicate = await patientWith(t.app.ctx.db);
    const survivor = await patientWith(t.app.ctx.db);
    const a = await book(duplicate, doctor.id, '2026-02-11T15:00:00Z');
    await book(survivor, dentist.id, '2026-02-11T16:00:00Z');
    const res = await merge(duplicate, survivor);
    expect(res.statusCode, res.body).toBe(200);
    const moved = await t.request({ method: 'GET', url: `/api/appointments/${a.id}`, cookie: admin.cookie });
    expect(moved.json().patientId).toBe(survivor);
  });
});
