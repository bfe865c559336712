import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { migrationsApplied } from '../../platform/db/migrate.ts';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { closeClinic, openClinic, startClockAt } from '../appointments/appointment-test-fixtures.ts';
import { sampleIds } from './sample-data.repository.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;

async function call(
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  return t.request({ method, url, cookie: user.cookie, ...(payload ? { payload } : {}) });
}
async function ok(
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  const res = await call(user, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}
const searchNames = async (q: string) =>
  (
    (await ok(admin, 'GET', `/api/patients?q=${encodeURIComponent(q)}`)).items as { familyName: string }[]
  ).map((p) => p.familyName);
const count = async (table: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.app.ctx.db,
        sql`select count(*)::int as n from ${sql.identifier(table)}`,
      )
    )[0]?.n,
  );
const samples = async (type: string) => (await sampleIds(t.app.ctx.db)).get(type) ?? [];

describe('sample data', () => {
  // Monday 2 February 2026, 07:00 in New York: today's sample appointments start at 09:00 local time.
  beforeAll(async () => {
    t = await openClinic();
    admin = await t.userWithRoles(['admin']);
    doctor = await t.userWithRoles(['doctor']);
  });
  afterAll(async () => closeClinic(t));

  it('is for administrators only, on a database migrated to the sample_records table', async () => {
    expect(await migrationsApplied(t.database)).toBe(true);
    expect(await count('sample_records')).toBe(0);
    const reception = await t.userWithRoles(['receptionist']);
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      expect((await call(reception, method, '/api/setup/sample-data')).statusCode).toBe(403);
      expect((await call(doctor, method, '/api/setup/sample-data')).statusCode).toBe(403);
    }
    expect(await ok(admin, 'GET', '/api/setup/sample-data')).toMatchObject({ loaded: false });
    expect((await call(admin, 'DELETE', '/api/setup/sample-data')).statusCode).toBe(404);
  });

  it('loads a marked demo clinic visible through the normal pages, once', async () => {
    const res = await call(admin, 'POST', '/api/setup/sample-data');
    expect(res.statusCode, res.body).toBe(201);
    const counts = {
      providers: 2,
      rooms: 2,
      services: 3,
      patients: 12,
      appointments: 13,
      queueTickets: 3,
      encounters: 2,
    };
    expect(res.json()).toEqual({ loaded: true, counts });
    expect(await ok(admin, 'GET', '/api/setup/sample-data')).toEqual({ loaded: true, counts });
    expect((await call(admin, 'POST', '/api/setup/sample-data')).statusCode).toBe(409);

    expect(await searchNames('Ramos')).toEqual(['Ramos (sample)']);
    const day = await ok(
      admin,
      'GET',
      `/api/appointments?from=${encodeURIComponent('2026-02-02T05:00:00Z')}&to=${encodeURIComponent('2026-02-03T05:00:00Z')}`,
    );
    const statuses = (day.items as { status: string }[]).map((a) => a.status).sort();
    expect(statuses).toEqual(['booked', 'booked', 'cancelled', 'checked_in', 'checked_in', 'checked_in']);
    const queue = await ok(admin, 'GET', '/api/queue');
    expect((queue.items as { status: string }[]).map((v) => v.status)).toEqual([
      'waiting',
      'waiting',
      'waiting',
    ]);

    const [providerId] = await samples('user');
    const provider = await ok(admin, 'GET', `/api/users/${providerId}`);
    expect(provider.name).toMatch(/\(sample\)$/);
    // No password and no welcome link: nobody can sign in as a fictional doctor.
    expect(await count('outbox_messages')).toBe(0);

    const [encounterId] = await samples('encounter');
    const encounter = await ok(admin, 'GET', `/api/encounters/${encounterId}`);
    expect(encounter.status).toBe('signed');
    expect(encounter.diagnoses).toHaveLength(1);
    expect(encounter.vitals).toHaveLength(1);

    const [load] = await auditOf(t.app.ctx.db, 'sample_data.load');
    expect(load?.actorId).toBe(admin.id);
    expect(load?.details).toEqual({ counts });
  });

  it('removes everything, with what staff added to sample patients, and leaves real patients alone', async () => {
    const real = await ok(admin, 'POST', '/api/patients', {
      givenName: 'Rosa',
      familyName: 'Quintero',
      sex: 'female',
      birthDate: '1980-05-05',
    });
    const realNote = await ok(doctor, 'POST', `/api/patients/${real.id}/encounters`, {
      type: 'consultation',
    });
    await ok(doctor, 'PATCH', `/api/encounters/${realNote.id}`, { subjective: 'Real patient, real note.' });
    await ok(doctor, 'POST', `/api/encounters/${realNote.id}/sign`);

    // A real doctor tries the demo: a note with vitals, a diagnosis, signed, then an addendum.
    const samplePatients = await samples('patient');
    const patientId = samplePatients[0];
    const note = await ok(doctor, 'POST', `/api/patients/${patientId}/encounters`, { type: 'consultation' });
    await ok(doctor, 'PATCH', `/api/encounters/${note.id}`, { subjective: 'Trying the demo.' });
    await ok(doctor, 'POST', `/api/patients/${patientId}/vitals`, { encounterId: note.id, heartRate: 70 });
    await ok(doctor, 'POST', `/api/encounters/${note.id}/diagnoses`, { code: 'J00' });
    await ok(doctor, 'POST', `/api/encounters/${note.id}/sign`);
    await ok(doctor, 'POST', `/api/encounters/${note.id}/addenda`, {
      reason: 'Typo',
      text: 'Addendum while trying.',
    });
    await ok(doctor, 'POST', `/api/patients/${patientId}/certificates`, {
      type: 'fit_to_work',
      findings: 'Fit, on trying the demo.',
    });
    const reception = await t.userWithRoles(['receptionist']);
    await ok(reception, 'POST', '/api/queue/walk-in', {
      patientId: samplePatients[1],
      departmentKey: 'general',
    });

    // A real doctor's hours in a sample room: the room cannot go, so it is deactivated instead.
    const [roomId] = await samples('room');
    await ok(admin, 'PUT', `/api/providers/${doctor.id}/schedule`, {
      rules: [{ kind: 'work', weekday: 2, startTime: '09:00', endTime: '12:00', roomId }],
    });

    const before = { patients: await count('patients'), users: await count('users') };
    const removed = await ok(admin, 'DELETE', '/api/setup/sample-data');
    expect(removed).toEqual({
      removed: expect.objectContaining({ patients: 12, appointments: 13, queueTickets: 4, encounters: 3 }),
      deactivated: 1,
    });
    const rooms = await ok(admin, 'GET', '/api/rooms');
    expect((rooms.items as { id: string; active: boolean }[]).find((r) => r.id === roomId)?.active).toBe(
      false,
    );
    expect(await count('patients')).toBe(before.patients - 12);
    expect(await count('users')).toBe(before.users - 2);
    expect(await count('sample_records')).toBe(0);
    expect(await searchNames('Ramos')).toEqual([]);
    expect(await count('appointments')).toBe(0);
    expect(await count('visits')).toBe(0);
    expect(await count('certificates')).toBe(0);
    expect((await call(admin, 'GET', `/api/encounters/${note.id}`)).statusCode).toBe(404);
    expect((await ok(admin, 'GET', `/api/encounters/${realNote.id}`)).status).toBe('signed');
    expect(await searchNames('Quintero')).toEqual(['Quintero']);
    expect(await ok(admin, 'GET', '/api/setup/sample-data')).toMatchObject({ loaded: false });

    const [event] = await auditOf(t.app.ctx.db, 'sample_data.remove');
    expect(event?.details).toMatchObject({ removed: { patients: 12 }, deactivated: 1 });
    // The audit trail keeps every event of the demo: nothing there is deleted.
    expect((await auditOf(t.app.ctx.db, 'patient.create')).length).toBeGreaterThanOrEqual(13);

    // Outside the removal the locks hold: a real patient's signed note is never deleted.
    await expect(
      t.app.ctx.db.execute(sql`delete from encounters where id = ${realNote.id}`),
    ).rejects.toThrow();
  });

  it('refuses removal while a real patient is booked with a sample doctor, removing nothing', async () => {
    await ok(admin, 'POST', '/api/setup/sample-data');
    // The room the first demo left behind (deactivated) keeps its name: the new one takes the next.
    const rooms = (await ok(admin, 'GET', '/api/rooms?active=true')).items as { name: string }[];
    expect(rooms.map((r) => r.name)).toContain('Consulting room 1 #2 (sample)');
    const real = (await ok(admin, 'GET', '/api/patients?q=Quintero')).items[0];
    const [doctorId] = await samples('user');
    const services = await ok(admin, 'GET', `/api/services?provider=${doctorId}`);
    await ok(admin, 'POST', '/api/appointments', {
      patientId: real.id,
      providerId: doctorId,
      serviceId: services.items[0].id,
      startsAt: '2026-02-04T15:00:00Z',
    });
    const patients = await count('patients');
    const res = await call(admin, 'DELETE', '/api/setup/sample-data');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('1 appointments (appointments.provider_id)');
    expect(await count('patients')).toBe(patients);
    expect(await ok(admin, 'GET', '/api/setup/sample-data')).toMatchObject({ loaded: true });
    expect(await auditOf(t.app.ctx.db, 'sample_data.remove')).toHaveLength(1);
  });
});

describe('sample data loaded late on a Friday evening', () => {
  beforeAll(async () => {
    t = await openClinic();
    // Friday 6 February 2026, 23:30 in New York: nothing fits in what is left of today.
    startClockAt('2026-02-07T04:30:00Z');
    admin = await t.userWithRoles(['admin']);
  });
  afterAll(async () => closeClinic(t));

  it('books only the coming working days, in the clinic time zone; of two loads at once one wins', async () => {
    const both = await Promise.all([
      call(admin, 'POST', '/api/setup/sample-data'),
      call(admin, 'POST', '/api/setup/sample-data'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const res = both.find((r) => r.statusCode === 201);
    if (!res) throw new Error('no load succeeded');
    expect(await count('patients')).toBe(12);
    expect(res.json().counts).toMatchObject({ appointments: 7, queueTickets: 0, encounters: 2 });
    const next = await ok(
      admin,
      'GET',
      `/api/appointments?from=${encodeURIComponent('2026-02-09T05:00:00Z')}&to=${encodeURIComponent('2026-02-10T05:00:00Z')}`,
    );
    // Monday at 09:00, 10:00 and 11:30 New York time (UTC−5).
    expect((next.items as { startsAt: string }[]).map((a) => a.startsAt).sort()).toEqual([
      '2026-02-09T14:00:00.000Z',
      '2026-02-09T15:00:00.000Z',
      '2026-02-09T16:30:00.000Z',
    ]);
  });
});
