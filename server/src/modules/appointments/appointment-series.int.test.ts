import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import {
  addService,
  addTimeOff,
  bookAs,
  closeClinic,
  NY,
  openClinic,
  patientWith,
  workingProvider,
} from './appointment-test-fixtures.ts';
import { appointmentReminders, appointmentSeries, appointments } from './appointments.schema.ts';

let t: TestApp;
let receptionist: TestUser;
let doctor: TestUser;
let dentist: TestUser;
let serviceId: string;
let patientId: string;

beforeAll(async () => {
  t = await openClinic();
  receptionist = await t.userWithRoles(['receptionist']);
  const weekdays = [1, 2, 3, 4, 5];
  doctor = await workingProvider(t, 'Dr Ada Park', { weekdays });
  dentist = await workingProvider(t, 'Dr Luis Diaz', { role: 'dentist', weekdays });
  const db = t.app.ctx.db;
  serviceId = await addService(db, { providerIds: [doctor.id, dentist.id], durationMinutes: 30 });
  patientId = await patientWith(db);
  // Conflicts on three of the six Mondays of the series below.
  const book = (body: Record<string, unknown>) => bookAs(t, receptionist, { serviceId, ...body });
  await book({ patientId: await patientWith(db), providerId: doctor.id, startsAt: '2026-03-16T14:00:00Z' });
  await book({ patientId, providerId: dentist.id, startsAt: '2026-03-23T14:15:00Z' });
  await addTimeOff(db, doctor.id, '2026-03-30T04:00:00Z', '2026-03-31T04:00:00Z');
});
afterAll(() => closeClinic(t));

// Monday 23 February 2026, 10:00 EST; weekly for six weeks, across the 8 March change to EDT.
const series = (extra: Record<string, unknown> = {}) => ({
  rrule: 'FREQ=WEEKLY;COUNT=6',
  patientId,
  providerId: doctor.id,
  serviceId,
  startsAt: '2026-02-23T15:00:00.000Z',
  ...extra,
});
const post = (url: string, body: object, cookie = receptionist.cookie) =>
  t.request({ method: 'POST', url, cookie, payload: body });

describe('POST /api/appointments/series/preview', () => {
  it('lists every occurrence at the same local time, each with its conflict; writes nothing', async () => {
    const before = await snapshot(t.app.ctx.db, appointments);
    const res = await post('/api/appointments/series/preview', series());
    expect(res.statusCode, res.body).toBe(200);
    const { occurrences, conflicts, timeZone } = res.json();
    expect(timeZone).toBe(NY);
    expect(conflicts).toBe(3);
    expect(
      occurrences.map(
        (o: {
          startsAt: string;
          localDate: string;
          localTime: string;
          conflict: { kind: string } | null;
        }) => [o.localDate, o.localTime, o.startsAt, o.conflict?.kind ?? null],
      ),
    ).toEqual([
      ['2026-02-23', '10:00', '2026-02-23T15:00:00.000Z', null],
      ['2026-03-02', '10:00', '2026-03-02T15:00:00.000Z', null],
      ['2026-03-09', '10:00', '2026-03-09T14:00:00.000Z', null],
      ['2026-03-16', '10:00', '2026-03-16T14:00:00.000Z', 'provider_busy'],
      ['2026-03-23', '10:00', '2026-03-23T14:00:00.000Z', 'patient_busy'],
      ['2026-03-30', '10:00', '2026-03-30T14:00:00.000Z', 'outside_hours'],
    ]);
    expect(occurrences[3].conflict.message).toBe('Dr Ada Park already has an appointment at that time.');
    expect(await snapshot(t.app.ctx.db, appointments)).toEqual(before);
  });

  it('refuses a bad RRULE naming body.rrule and the reason', async () => {
    for (const [rrule, reason] of [
      ['FREQ=YEARLY;COUNT=3', 'FREQ=YEARLY is not supported'],
      ['FREQ=WEEKLY;COUNT=60', 'COUNT must be between 1 and 52'],
      ['FREQ=DAILY', 'needs COUNT'],
      ['FREQ=WEEKLY;BYDAY=TU;COUNT=3', 'BYDAY must include the weekday of the first appointment (MO)'],
      ['FREQ=DAILY;UNTIL=20300101', 'more than 52'],
    ] as const) {
      const res = await post('/api/appointments/series/preview', series({ rrule }));
      expect(errorPaths(res), rrule).toEqual(['body.rrule']);
      expect(res.json().detail).toContain(reason);
    }
    expect(errorPaths(await post('/api/appointments/series/preview', series({ rrule: '' })))).toEqual([
      'body.rrule',
    ]);
  });
});

describe('POST /api/appointments/series', () => {
  it('all or nothing by default: 409 naming the first conflict, nothing booked', async () => {
    const before = await snapshot(t.app.ctx.db, appointments);
    const res = await post('/api/appointments/series', series());
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(
      /^3 of 6 occurrences conflict; the first, 2026-03-16 10:00: Dr Ada Park already/,
    );
    expect(await snapshot(t.app.ctx.db, appointments)).toEqual(before);
    expect(await snapshot(t.app.ctx.db, appointmentSeries)).toEqual([]);
  });

  it('with skipConflicts books the free occurrences as one series, each audited and reminded', async () => {
    const res = await post('/api/appointments/series', series({ skipConflicts: true, notes: 'physio' }));
    expect(res.statusCode, res.body).toBe(201);
    const { seriesId, appointments: booked, skipped } = res.json();
    expect(booked.map((a: { startsAt: string }) => a.startsAt)).toEqual([
      '2026-02-23T15:00:00.000Z',
      '2026-03-02T15:00:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
    expect(
      booked.every(
        (a: { seriesId: string; notes: string }) => a.seriesId === seriesId && a.notes === 'physio',
      ),
    ).toBe(true);
    expect(skipped.map((o: { localDate: string }) => o.localDate)).toEqual([
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    const [audit] = await auditOf(t.app.ctx.db, 'appointment_series.create', seriesId);
    expect(audit).toMatchObject({ actorId: receptionist.id, patientId });
    expect(audit?.details).toMatchObject({ rrule: 'FREQ=WEEKLY;COUNT=6', booked: 3, skipped: 3 });
    for (const a of booked) {
      expect(await auditOf(t.app.ctx.db, 'appointment.book', a.id)).toHaveLength(1);
      const reminders = await t.app.ctx.db
        .select()
        .from(appointmentReminders)
        .where(eq(appointmentReminders.appointmentId, a.id));
      expect(reminders).toHaveLength(4);
    }
  });

  it('all free: books every occurrence (daily, three days)', async () => {
    const res = await post(
      '/api/appointments/series',
      series({ rrule: 'FREQ=DAILY;COUNT=3', startsAt: '2026-02-10T19:00:00.000Z' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().appointments).toHaveLength(3);
    expect(res.json().skipped).toEqual([]);
  });

  it('nothing free even with skipConflicts: 409, nothing written', async () => {
    const res = await post(
      '/api/appointments/series',
      series({ rrule: 'FREQ=WEEKLY;COUNT=2', startsAt: '2026-02-23T15:00:00.000Z', skipConflicts: true }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('No occurrence of the series is free; nothing was booked.');
  });

  it('needs appointments:write', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    expect((await post('/api/appointments/series', series(), nurse.cookie)).statusCode).toBe(403);
    expect((await post('/api/appointments/series/preview', series(), nurse.cookie)).statusCode).toBe(403);
  });
});
