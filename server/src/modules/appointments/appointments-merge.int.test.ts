import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import { snapshot } from '../../test/test-queries.ts';
import { patients } from '../patients/patients.schema.ts';
import {
  addService,
  bookAs,
  closeClinic,
  openClinic,
  patientWith,
  workingProvider,
} from './appointment-test-fixtures.ts';
import { appointments } from './appointments.schema.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
let dentist: TestUser;
let serviceId: string;

beforeAll(async () => {
  t = await openClinic();
  admin = await t.userWithRoles(['admin']);
  doctor = await workingProvider(t, 'Dr Ada Park');
  dentist = await workingProvider(t, 'Dr Luis Diaz', { role: 'dentist' });
  serviceId = await addService(t.app.ctx.db, { providerIds: [doctor.id, dentist.id], durationMinutes: 30 });
});
afterAll(() => closeClinic(t));

const book = (patientId: string, providerId: string, startsAt: string) =>
  bookAs(t, admin, { patientId, providerId, serviceId, startsAt });
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
