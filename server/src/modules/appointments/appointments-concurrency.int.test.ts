import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import {
  addService,
  closeClinic,
  openClinic,
  patientWith,
  workingProvider,
} from './appointment-test-fixtures.ts';
import { appointments } from './appointments.schema.ts';

let t: TestApp;
let receptionist: TestUser;
let doctor: TestUser;
let dentist: TestUser;
let nurse: TestUser;
let serviceId: string;

beforeAll(async () => {
  t = await openClinic();
  receptionist = await t.userWithRoles(['receptionist']);
  doctor = await workingProvider(t, 'Dr Ada Park');
  dentist = await workingProvider(t, 'Dr Luis Diaz', { role: 'dentist' });
  nurse = await workingProvider(t, 'Nurse Kim Lee', { role: 'nurse' });
  serviceId = await addService(t.app.ctx.db, {
    providerIds: [doctor.id, dentist.id, nurse.id],
    durationMinutes: 30,
  });
});
afterAll(() => closeClinic(t));

const book = (patientId: string, providerId: string, startsAt: string) =>
  t.request({
    method: 'POST',
    url: '/api/appointments',
    cookie: receptionist.cookie,
    payload: { patientId, providerId, serviceId, startsAt },
  });

describe('double booking under concurrency (the exclusion constraints decide)', () => {
  // Five slots, each asked for by twenty bookings at once: inserts that meet inside the exclusion check must
  // queue (lockBookings), never deadlock.
  it.each([
    '2026-02-10T15:00:00.000Z',
    '2026-02-10T16:00:00.000Z',
    '2026-02-10T17:00:00.000Z',
    '2026-02-10T18:00:00.000Z',
    '2026-02-10T19:00:00.000Z',
  ])(
    '20 parallel bookings of one slot (%s) by different patients: exactly one 201, nineteen 409',
    async (startsAt) => {
      const patients = await Promise.all(Array.from({ length: 20 }, () => patientWith(t.app.ctx.db)));
      const results = await Promise.all(patients.map((p) => book(p, doctor.id, startsAt)));
      const codes = results.map((r) => r.statusCode).sort();
      console.log(
        'DEBUG',
        codes.join(','),
        results
          .filter((r) => r.statusCode >= 500)
          .map((r) => r.body)
          .slice(0, 2),
      );
      expect(codes.filter((c) => c === 201)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(19);
      for (const r of results.filter((x) => x.statusCode === 409)) {
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r.json().detail).toBe('Dr Ada Park already has an appointment at that time.');
      }
      const rows = await t.app.ctx.db
        .select({ id: appointments.id })
        .from(appointments)
        .where(and(eq(appointments.providerId, doctor.id), inArray(appointments.patientId, patients)));
      expect(rows).toHaveLength(1);
    },
  );

  it('one patient in two providers’ overlapping slots, in parallel: one 201, one 409 naming the patient', async () => {
    const patientId = await patientWith(t.app.ctx.db);
    const [a, b] = await Promise.all([
      book(patientId, doctor.id, '2026-02-11T15:00:00.000Z'),
      book(patientId, dentist.id, '2026-02-11T15:15:00.000Z'),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([201, 409]);
    const refused = a?.statusCode === 409 ? a : b;
    expect(refused?.json().detail).toBe('The patient already has an appointment then.');
    // And one after the other, the same answer (a third provider, overlapping whichever booking won).
    const again = await book(patientId, nurse.id, '2026-02-11T15:20:00.000Z');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('The patient already has an appointment then.');
  });
});
