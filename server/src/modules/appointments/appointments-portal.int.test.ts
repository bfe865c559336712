import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_CHANNEL } from '../../platform/events/events.publisher.ts';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import { errorPaths } from '../../test/test-queries.ts';
import {
  addService,
  bookAs,
  clinicSettings,
  closeClinic,
  NY,
  openClinic,
  patientWith,
  portalUser,
  workingProvider,
} from './appointment-test-fixtures.ts';

let t: TestApp;
let receptionist: TestUser;
let doctor: TestUser;
let pia: TestUser;
let piaId: string;
let otherId: string;
let online: string;
let deskOnly: string;
const events: { type: string; userId?: string; permission: string | null }[] = [];

beforeAll(async () => {
  t = await openClinic({
    appointments: { selfBookingEnabled: true, selfBookingMaxDaysAhead: 30, selfBookingCancelCutoffHours: 24 },
  });
  receptionist = await t.userWithRoles(['receptionist']);
  doctor = await workingProvider(t, 'Dr Ada Park');
  online = await addService(t.app.ctx.db, {
    providerIds: [doctor.id],
    durationMinutes: 30,
    selfBookable: true,
  });
  deskOnly = await addService(t.app.ctx.db, {
    providerIds: [doctor.id],
    durationMinutes: 30,
    selfBookable: false,
  });
  ({ user: pia, patientId: piaId } = await portalUser(t));
  otherId = await patientWith(t.app.ctx.db);
  await t.database.listen(EVENTS_CHANNEL, (payload) => events.push(JSON.parse(payload)));
});
afterAll(() => closeClinic(t));

// New York wall clock (EST until 8 March).
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00-05:00`).toISOString();

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = pia.cookie) =>
  t.request({ method, url, cookie, ...(payload ? { payload } : {}) });
const selfBook = (body: Record<string, unknown>) =>
  send('POST', '/api/appointments', { providerId: doctor.id, serviceId: online, ...body });
const staffBook = (patientId: string, startsAt: string) =>
  bookAs(t, receptionist, { patientId, providerId: doctor.id, serviceId: online, startsAt });

describe('patient self-booking', () => {
  it('books their own appointment in a free slot, marked as booked in the portal; their page hears of it', async () => {
    const slots = await send(
      'GET',
      `/api/availability?provider=${doctor.id}&service=${online}&from=${at('2026-02-04', '00:00')}&to=${at('2026-02-05', '00:00')}`,
    );
    expect(slots.statusCode, slots.body).toBe(200);
    const first = slots.json().slots[0];
    expect(first).toMatchObject({ localDate: '2026-02-04', localTime: '09:00' });
    const res = await selfBook({ startsAt: first.startsAt, notes: 'knee pain' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      patientId: piaId,
      bookedVia: 'portal',
      bookedBy: pia.id,
      notes: 'knee pain',
    });
    await expect
      .poll(() => events.some((e) => e.type === 'appointment.changed' && e.userId === pia.id))
      .toBe(true);
    expect(events.find((e) => e.userId === pia.id)?.permission).toBe('portal:self');
  });

  it('only for their own record', async () => {
    const res = await selfBook({ patientId: otherId, startsAt: at('2026-02-04', '10:00') });
    expect(res.statusCode).toBe(404);
    const unlinked = await t.userWithRoles(['patient']);
    const lost = await send(
      'POST',
      '/api/appointments',
      { providerId: doctor.id, serviceId: online, startsAt: at('2026-02-04', '10:00') },
      unlinked.cookie,
    );
    expect(lost.statusCode).toBe(404);
    expect(lost.json().detail).toBe('No patient record is linked to this account.');
  });

  it('only services patients may book themselves', async () => {
    expect(errorPaths(await selfBook({ serviceId: deskOnly, startsAt: at('2026-02-04', '10:00') }))).toEqual([
      'body.serviceId',
    ]);
    const slots = await send(
      'GET',
      `/api/availability?provider=${doctor.id}&service=${deskOnly}&from=${at('2026-02-04', '00:00')}&to=${at('2026-02-05', '00:00')}`,
    );
    expect(errorPaths(slots)).toEqual(['query.service']);
  });

  it('only within the days ahead the clinic allows; availability stops there too', async () => {
    const far = await selfBook({ startsAt: at('2026-03-05', '10:00') });
    expect(errorPaths(far)).toEqual(['body.startsAt']);
    expect(far.json().detail).toMatch(/30 days ahead/);
    const slots = await send(
      'GET',
      `/api/availability?provider=${doctor.id}&service=${online}&from=${at('2026-02-25', '00:00')}&to=${at('2026-03-10', '00:00')}`,
    );
    const last = slots.json().slots.at(-1);
    expect(Date.parse(last.startsAt)).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
    expect(last.localDate).toBe('2026-03-03'); // the limit falls at 07:00 on 4 March, before the first slot
  });

  it('only free slots inside working time, as offered', async () => {
    const misaligned = await selfBook({ startsAt: at('2026-02-05', '09:10') });
    expect(misaligned.statusCode).toBe(409);
    expect(misaligned.json().detail).toMatch(/not one of the offered slots/);
    expect((await selfBook({ startsAt: at('2026-02-05', '18:00') })).statusCode).toBe(409);
    await staffBook(otherId, at('2026-02-05', '11:00'));
    const taken = await selfBook({ startsAt: at('2026-02-05', '11:00') });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toBe('Dr Ada Park already has an appointment at that time.');
    const staffOnly = await selfBook({
      startsAt: at('2026-02-05', '18:00'),
      outsideHours: true,
      notes: 'please',
    });
    expect(staffOnly.statusCode).toBe(403);
    expect(errorPaths(await selfBook({ startsAt: at('2026-02-05', '13:00'), roomId: otherId }))).toEqual([
      'body.roomId',
    ]);
  });

  it('sees only their own appointments', async () => {
    const other = await staffBook(otherId, at('2026-02-06', '09:00'));
    const mine = await send('GET', '/api/appointments');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBeGreaterThan(0);
    expect(mine.json().items.every((a: { patientId: string }) => a.patientId === piaId)).toBe(true);
    expect((await send('GET', `/api/appointments?patient=${otherId}`)).statusCode).toBe(404);
    expect((await send('GET', `/api/appointments/${other.id}`)).statusCode).toBe(404);
  });

  it('moves and cancels their own, outside the cut-off; inside it the answer is 409 with the rule', async () => {
    const soon = await staffBook(piaId, at('2026-02-02', '15:00')); // 8 hours from now
    const cancelSoon = await send('POST', `/api/appointments/${soon.id}/cancel`, { reason: 'busy' });
    expect(cancelSoon.statusCode).toBe(409);
    expect(cancelSoon.json().detail).toMatch(/cancelled online up to 24 hours before/);
    const moveSoon = await send('PATCH', `/api/appointments/${soon.id}`, {
      startsAt: at('2026-02-09', '10:00'),
    });
    expect(moveSoon.statusCode).toBe(409);
    expect(moveSoon.json().detail).toMatch(/moved online up to 24 hours before/);

    const later = await staffBook(piaId, at('2026-02-10', '09:00'));
    const moved = await send('PATCH', `/api/appointments/${later.id}`, {
      startsAt: at('2026-02-10', '14:00'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().startsAt).toBe('2026-02-10T19:00:00.000Z');
    const cancelled = await send('POST', `/api/appointments/${later.id}/cancel`, { reason: 'better' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'better',
      cancelledBy: pia.id,
    });

    const others = await staffBook(otherId, at('2026-02-11', '09:00'));
    expect((await send('POST', `/api/appointments/${others.id}/cancel`, { reason: 'x' })).statusCode).toBe(
      404,
    );
    expect(
      (await send('PATCH', `/api/appointments/${others.id}`, { startsAt: at('2026-02-11', '10:00') }))
        .statusCode,
    ).toBe(404);
  });

  it('no staff actions: no-show, complete, series', async () => {
    const mine = await staffBook(piaId, at('2026-02-12', '09:00'));
    expect((await send('POST', `/api/appointments/${mine.id}/no-show`)).statusCode).toBe(403);
    expect((await send('POST', `/api/appointments/${mine.id}/complete`)).statusCode).toBe(403);
    expect((await send('POST', '/api/appointments/series/preview', {})).statusCode).toBe(403);
  });

  it('when the clinic turns self-booking off: 403 with a clear message; the list still works', async () => {
    const mine = await staffBook(piaId, at('2026-02-13', '09:00'));
    await clinicSettings(t, { appointments: { selfBookingEnabled: false } });
    try {
      const rules = await send('GET', '/api/appointments/self-booking');
      expect(rules.json()).toMatchObject({
        enabled: false,
        maxDaysAhead: 30,
        cancelCutoffHours: 24,
        timeZone: NY,
      });
      const book = await selfBook({ startsAt: at('2026-02-16', '09:00') });
      expect(book.statusCode).toBe(403);
      expect(book.json().detail).toMatch(/Online booking is turned off/);
      expect((await send('POST', `/api/appointments/${mine.id}/cancel`, { reason: 'x' })).statusCode).toBe(
        403,
      );
      expect(
        (await send('PATCH', `/api/appointments/${mine.id}`, { startsAt: at('2026-02-16', '09:00') }))
          .statusCode,
      ).toBe(403);
      expect((await send('GET', '/api/appointments')).statusCode).toBe(200);
    } finally {
      await clinicSettings(t, { appointments: { selfBookingEnabled: true } });
    }
  });
});
