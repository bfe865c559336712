import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { EVENTS_CHANNEL } from '../../platform/events/events.publisher.ts';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { transitionAppointment } from './appointment-status.ts';
import {
  addRoom,
  addService,
  bookAs,
  closeClinic,
  openClinic,
  patientWith,
  provider,
  workingProvider,
} from './appointment-test-fixtures.ts';
import { appointments } from './appointments.schema.ts';

let t: TestApp;
let receptionist: TestUser;
let doctor: TestUser;
let dentist: TestUser;
let roomId: string;
let checkup: string; // 30 min + 10 min buffer, Dr Park and Dr Diaz
let patientId: string;
const events: { type: string; resourceId?: string; permission: string | null }[] = [];

beforeAll(async () => {
  t = await openClinic();
  receptionist = await t.userWithRoles(['receptionist']);
  const db = t.app.ctx.db;
  roomId = await addRoom(db, 'Room 1');
  const weekdays = [1, 2, 3, 4, 5];
  doctor = await workingProvider(t, 'Dr Ada Park', { weekdays, roomId });
  dentist = await workingProvider(t, 'Dr Luis Diaz', { role: 'dentist', weekdays });
  checkup = await addService(db, {
    providerIds: [doctor.id, dentist.id],
    durationMinutes: 30,
    bufferMinutes: 10,
  });
  patientId = await patientWith(db);
  await t.database.listen(EVENTS_CHANNEL, (payload) => events.push(JSON.parse(payload)));
});
afterAll(() => closeClinic(t));

const MINUTE = 60_000;

// Tuesday 10 February 2026 in New York (EST, UTC−5).
const at = (hhmm: string, day = '2026-02-10') => new Date(`${day}T${hhmm}:00-05:00`).toISOString();

const send = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  cookie: string | null = receptionist.cookie,
) => t.request({ method, url, cookie: cookie ?? undefined, ...(payload ? { payload } : {}) });

const book = (body: Record<string, unknown>, cookie: string | null = receptionist.cookie) =>
  send(
    'POST',
    '/api/appointments',
    { patientId, providerId: doctor.id, serviceId: checkup, ...body },
    cookie,
  );

const booked = (body: Record<string, unknown>) =>
  bookAs(t, receptionist, { patientId, providerId: doctor.id, serviceId: checkup, ...body });

describe('POST /api/appointments', () => {
  it('books: end = start + duration, blocked until the buffer ends, room from the working hours; audited, published', async () => {
    const res = await book({ startsAt: at('09:00'), notes: 'first visit' });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      patientId,
      patientName: 'Ana Reyes',
      providerId: doctor.id,
      providerName: 'Dr Ada Park',
      serviceId: checkup,
      roomId,
      roomName: 'Room 1',
      startsAt: '2026-02-10T14:00:00.000Z',
      endsAt: '2026-02-10T14:30:00.000Z',
      blockedUntil: '2026-02-10T14:40:00.000Z',
      status: 'booked',
      notes: 'first visit',
      bookedVia: 'staff',
      bookedBy: receptionist.id,
    });
    const [audit] = await auditOf(t.app.ctx.db, 'appointment.book', a.id);
    expect(audit).toMatchObject({ actorId: receptionist.id, patientId });
    expect(audit?.details).toMatchObject({ startsAt: a.startsAt, outsideHours: false, bookedVia: 'staff' });
    await expect
      .poll(() => events.some((e) => e.type === 'appointment.changed' && e.resourceId === a.id))
      .toBe(true);
    expect(events.find((e) => e.resourceId === a.id)?.permission).toBe('appointments:read');
  });

  it('refuses an overlap for the provider, including the buffer, naming the provider (409)', async () => {
    const other = await patientWith(t.app.ctx.db);
    const before = await snapshot(t.app.ctx.db, appointments);
    for (const time of ['09:00', '09:15', '09:35', '08:45']) {
      const res = await book({
        patientId: other,
        startsAt: at(time),
        outsideHours: true,
        notes: 'squeeze in',
      });
      expect(res.statusCode, `${time}: ${res.body}`).toBe(409);
      expect(res.json().detail).toBe('Dr Ada Park already has an appointment at that time.');
    }
    expect(await snapshot(t.app.ctx.db, appointments)).toEqual(before);
    // 09:40 starts when the buffer of the 09:00 booking ends.
    expect((await book({ patientId: other, startsAt: at('09:40') })).statusCode).toBe(201);
  });

  it('refuses the same patient at an overlapping time with another provider (409)', async () => {
    const res = await book({ providerId: dentist.id, startsAt: at('09:20') });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('The patient already has an appointment then.');
    // The patient's range has no buffer: right after the end is fine.
    expect((await book({ providerId: dentist.id, startsAt: at('09:30') })).statusCode).toBe(201);
  });

  it('outside working time: 409, unless staff say outsideHours with a reason in notes', async () => {
    const p = await patientWith(t.app.ctx.db);
    const evening = await book({ patientId: p, startsAt: at('17:30') });
    expect(evening.statusCode).toBe(409);
    expect(evening.json().detail).toMatch(/^Dr Ada Park is not working then/);
    // The last slot must end with its buffer by 17:00.
    expect((await book({ patientId: p, startsAt: at('16:30') })).statusCode).toBe(409);
    expect(errorPaths(await book({ patientId: p, startsAt: at('17:30'), outsideHours: true }))).toEqual([
      'body.notes',
    ]);
    const squeezed = await book({
      patientId: p,
      startsAt: at('17:30'),
      outsideHours: true,
      notes: 'urgent after hours',
    });
    expect(squeezed.statusCode, squeezed.body).toBe(201);
    expect(squeezed.json().roomId).toBeNull();
    const [audit] = await auditOf(t.app.ctx.db, 'appointment.book', squeezed.json().id);
    expect(audit?.details).toMatchObject({ outsideHours: true });
    // Saturday is not a working day.
    expect((await book({ patientId: p, startsAt: at('10:00', '2026-02-14') })).statusCode).toBe(409);
  });

  it('names the field of bad input and writes nothing', async () => {
    const before = await snapshot(t.app.ctx.db, appointments);
    expect(
      errorPaths(
        await send('POST', '/api/appointments', {
          providerId: doctor.id,
          serviceId: checkup,
          startsAt: at('11:00'),
        }),
      ),
    ).toEqual(['body.patientId']);
    expect(errorPaths(await book({ startsAt: '2026-02-01T10:00:00Z' }))).toEqual(['body.startsAt']);
    expect(errorPaths(await book({ startsAt: 'tomorrow' }))).toEqual(['body.startsAt']);
    const lone = await provider(t, 'Dr Nobody');
    expect(errorPaths(await book({ providerId: lone.id, startsAt: at('11:00') }))).toEqual([
      'body.providerId',
    ]);
    expect(
      errorPaths(await book({ serviceId: '00000000-0000-4000-8000-000000000001', startsAt: at('11:00') })),
    ).toEqual(['body.serviceId']);
    expect(
      errorPaths(await book({ roomId: '00000000-0000-4000-8000-000000000002', startsAt: at('11:00') })),
    ).toEqual(['body.roomId']);
    expect(errorPaths(await book({ startsAt: at('11:00'), colour: 'red' }))).toEqual(['body.colour']);
    const inactive = await addService(t.app.ctx.db, { providerIds: [doctor.id], active: false });
    expect(errorPaths(await book({ serviceId: inactive, startsAt: at('11:00') }))).toEqual([
      'body.serviceId',
    ]);
    expect(
      (await book({ patientId: '00000000-0000-4000-8000-000000000003', startsAt: at('11:00') })).statusCode,
    ).toBe(404);
    expect(await snapshot(t.app.ctx.db, appointments)).toEqual(before);
  });

  it('needs appointments:write', async () => {
    const nurse = await t.userWithRoles(['nurse']);
    expect((await book({ startsAt: at('11:00') }, nurse.cookie)).statusCode).toBe(403);
    expect((await book({ startsAt: at('11:00') }, null)).statusCode).toBe(401);
  });
});

describe('GET /api/appointments', () => {
  it('lists a provider’s day in order, filtered by status, and records the read', async () => {
    const from = at('00:00');
    const to = at('23:59');
    const res = await send('GET', `/api/appointments?provider=${doctor.id}&from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    const times = res.json().items.map((a: { startsAt: string }) => a.startsAt);
    expect(times).toEqual([...times].sort());
    expect(times).toContain('2026-02-10T14:00:00.000Z');
    expect(res.json().truncated).toBe(false);
    const desc = await send(
      'GET',
      `/api/appointments?provider=${doctor.id}&from=${from}&to=${to}&order=desc&limit=1`,
    );
    expect(desc.json()).toMatchObject({ truncated: true, items: [{ startsAt: times.at(-1) }] });
    const cancelled = await send('GET', `/api/appointments?provider=${doctor.id}&status=cancelled,no_show`);
    expect(cancelled.json().items).toEqual([]);
    const lists = await auditOf(t.app.ctx.db, 'appointment.list');
    expect(lists.at(-1)).toMatchObject({ actorId: receptionist.id, patientId: null });
  });

  it('lists one patient’s appointments with a read audit on that patient; by room too', async () => {
    const res = await send('GET', `/api/appointments?patient=${patientId}`);
    expect(res.json().items.length).toBeGreaterThanOrEqual(2);
    expect(res.json().items.every((a: { patientId: string }) => a.patientId === patientId)).toBe(true);
    const reads = await auditOf(t.app.ctx.db, 'appointments.read', patientId);
    expect(reads.at(-1)).toMatchObject({ actorId: receptionist.id, patientId });
    const byRoom = await send('GET', `/api/appointments?room=${roomId}`);
    expect(byRoom.json().items.every((a: { roomId: string }) => a.roomId === roomId)).toBe(true);
  });

  it('refuses sort fields and statuses off the allow-list, and an empty range', async () => {
    expect(errorPaths(await send('GET', '/api/appointments?sort=notes'))).toEqual(['query.sort']);
    expect(errorPaths(await send('GET', '/api/appointments?status=booked,lost'))).toEqual(['query.status.1']);
    expect(errorPaths(await send('GET', `/api/appointments?from=${at('10:00')}&to=${at('09:00')}`))).toEqual([
      'query.to',
    ]);
    expect(errorPaths(await send('GET', '/api/appointments?limit=5000'))).toEqual(['query.limit']);
  });

  it('GET /api/appointments/:id returns one, audited as a read of the patient', async () => {
    const a = await booked({ startsAt: at('13:00') });
    const res = await send('GET', `/api/appointments/${a.id}`);
    expect(res.json()).toMatchObject({ id: a.id, status: 'booked' });
    const [read] = await auditOf(t.app.ctx.db, 'appointment.read', a.id);
    expect(read).toMatchObject({ actorId: receptionist.id, patientId });
    expect((await send('GET', '/api/appointments/00000000-0000-4000-8000-000000000009')).statusCode).toBe(
      404,
    );
  });
});

describe('PATCH /api/appointments/:id (reschedule)', () => {
  it('moves time and provider; audited with before and after', async () => {
    const a = await booked({ startsAt: at('10:00', '2026-02-11') });
    const res = await send('PATCH', `/api/appointments/${a.id}`, {
      startsAt: at('11:00', '2026-02-11'),
      providerId: dentist.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      startsAt: '2026-02-11T16:00:00.000Z',
      endsAt: '2026-02-11T16:30:00.000Z',
      blockedUntil: '2026-02-11T16:40:00.000Z',
      providerId: dentist.id,
      roomId: null, // Dr Diaz's hours name no room
    });
    const [audit] = await auditOf(t.app.ctx.db, 'appointment.reschedule', a.id);
    expect(audit?.details).toMatchObject({
      from: { startsAt: '2026-02-11T15:00:00.000Z', providerId: doctor.id },
      to: { startsAt: '2026-02-11T16:00:00.000Z', providerId: dentist.id },
    });
    // Only the room changes: no working-time check needed.
    const room = await send('PATCH', `/api/appointments/${a.id}`, { roomId });
    expect(room.json()).toMatchObject({ roomId, startsAt: '2026-02-11T16:00:00.000Z' });
  });

  it('refuses a move onto another booking or outside hours (409) and leaves the row as it was', async () => {
    const a = await booked({ startsAt: at('14:00', '2026-02-11') });
    const b = await booked({
      patientId: await patientWith(t.app.ctx.db),
      startsAt: at('15:00', '2026-02-11'),
    });
    const before = await snapshot(t.app.ctx.db, appointments);
    const clash = await send('PATCH', `/api/appointments/${b.id}`, { startsAt: at('14:20', '2026-02-11') });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().detail).toBe('Dr Ada Park already has an appointment at that time.');
    expect(
      (await send('PATCH', `/api/appointments/${b.id}`, { startsAt: at('18:00', '2026-02-11') })).statusCode,
    ).toBe(409);
    expect(await snapshot(t.app.ctx.db, appointments)).toEqual(before);
    // Moving within its own time (overlapping itself) is fine.
    expect(
      (await send('PATCH', `/api/appointments/${a.id}`, { startsAt: at('14:10', '2026-02-11') })).statusCode,
    ).toBe(200);
  });

  it('names bad fields; refuses moving what is no longer booked (409 naming the status)', async () => {
    const a = await booked({ startsAt: at('16:00', '2026-02-11') });
    expect(errorPaths(await send('PATCH', `/api/appointments/${a.id}`, {}))).toEqual(['body']);
    expect(
      errorPaths(await send('PATCH', `/api/appointments/${a.id}`, { startsAt: '2026-01-01T10:00:00Z' })),
    ).toEqual(['body.startsAt']);
    const lone = await provider(t, 'Dr Elsewhere');
    expect(errorPaths(await send('PATCH', `/api/appointments/${a.id}`, { providerId: lone.id }))).toEqual([
      'body.providerId',
    ]);
    await send('POST', `/api/appointments/${a.id}/cancel`, { reason: 'ill' });
    const res = await send('PATCH', `/api/appointments/${a.id}`, { startsAt: at('16:00', '2026-02-12') });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('Cannot move this appointment: its status is cancelled.');
  });
});

describe('status changes', () => {
  it('cancel with a reason; a second cancel is 409 naming the status; the reason is required', async () => {
    const a = await booked({ startsAt: at('09:00', '2026-02-12') });
    expect(errorPaths(await send('POST', `/api/appointments/${a.id}/cancel`, {}))).toEqual(['body.reason']);
    const res = await send('POST', `/api/appointments/${a.id}/cancel`, { reason: 'travelling' });
    expect(res.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'travelling',
      cancelledBy: receptionist.id,
    });
    expect(res.json().cancelledAt).not.toBeNull();
    const again = await send('POST', `/api/appointments/${a.id}/cancel`, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Cannot cancel this appointment: its status is cancelled.');
    const [audit] = await auditOf(t.app.ctx.db, 'appointment.cancel', a.id);
    expect(audit).toMatchObject({ actorId: receptionist.id, patientId });
    expect(audit?.details).toMatchObject({ from: 'booked', to: 'cancelled', reason: 'travelling' });
    // The time is free again for someone else.
    expect(
      (await book({ patientId: await patientWith(t.app.ctx.db), startsAt: at('09:00', '2026-02-12') }))
        .statusCode,
    ).toBe(201);
  });

  it('booked → checked_in → in_consultation → completed; disallowed steps are 409 naming the current status', async () => {
    const a = await booked({ startsAt: at('10:00', '2026-02-12') });
    const complete = await send('POST', `/api/appointments/${a.id}/complete`);
    expect(complete.statusCode).toBe(409);
    expect(complete.json().detail).toBe('Cannot complete this appointment: its status is booked.');
    const actor = { ...SYSTEM_ACTOR, actorId: doctor.id };
    await t.app.ctx.db.transaction((tx) => transitionAppointment(tx, actor, a.id, 'checked_in'));
    await expect(
      t.app.ctx.db.transaction((tx) => transitionAppointment(tx, actor, a.id, 'completed')),
    ).rejects.toThrow('Cannot complete this appointment: its status is checked_in.');
    await t.app.ctx.db.transaction((tx) => transitionAppointment(tx, actor, a.id, 'in_consultation'));
    const done = await send('POST', `/api/appointments/${a.id}/complete`, undefined, doctor.cookie);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed' });
    expect(done.json().checkedInAt).not.toBeNull();
    expect(done.json().completedAt).not.toBeNull();
    const cancel = await send('POST', `/api/appointments/${a.id}/cancel`, { reason: 'late' });
    expect(cancel.json().detail).toBe('Cannot cancel this appointment: its status is completed.');
    expect((await send('POST', `/api/appointments/${a.id}/no-show`)).json().detail).toBe(
      'Cannot mark as no-show this appointment: its status is completed.',
    );
    expect((await auditOf(t.app.ctx.db, 'appointment.check_in', a.id)).length).toBe(1);
    expect((await auditOf(t.app.ctx.db, 'appointment.complete', a.id))[0]).toMatchObject({
      actorId: doctor.id,
    });
  });

  it('no-show only once the appointment has started; it frees the time', async () => {
    const a = await booked({ startsAt: at('11:00', '2026-02-12') });
    const early = await send('POST', `/api/appointments/${a.id}/no-show`);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/has not started yet/);
    // The same appointment, as if its time had come and gone.
    await t.app.ctx.db
      .update(appointments)
      .set({
        startsAt: new Date(Date.now() - 120 * MINUTE),
        endsAt: new Date(Date.now() - 90 * MINUTE),
        blockedUntil: new Date(Date.now() - 80 * MINUTE),
      })
      .where(eq(appointments.id, a.id));
    const res = await send('POST', `/api/appointments/${a.id}/no-show`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'no_show' });
    expect(res.json().noShowAt).not.toBeNull();
    expect((await auditOf(t.app.ctx.db, 'appointment.no_show', a.id))[0]).toMatchObject({ patientId });
  });

  it('unknown ids are 404', async () => {
    const id = '00000000-0000-4000-8000-00000000000a';
    expect((await send('POST', `/api/appointments/${id}/cancel`, { reason: 'x' })).statusCode).toBe(404);
    expect((await send('POST', `/api/appointments/${id}/complete`)).statusCode).toBe(404);
    expect((await send('PATCH', `/api/appointments/${id}`, { startsAt: at('10:00') })).statusCode).toBe(404);
  });
});
