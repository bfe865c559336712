import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import { errorPaths } from '../../test/test-queries.ts';
import {
  addService,
  addTimeOff,
  bookAs,
  closeClinic,
  openClinic,
  patientWith,
  workingProvider,
} from './appointment-test-fixtures.ts';

let t: TestApp;
let receptionist: TestUser;
let doctor: TestUser;
let early: TestUser;
let short: string; // 30 min, no buffer
let long: string; // 50 min + 10 min buffer
let earlyService: string;

beforeAll(async () => {
  t = await openClinic();
  receptionist = await t.userWithRoles(['receptionist']);
  doctor = await workingProvider(t, 'Dr Ada Park', {
    start: '09:00',
    end: '17:00',
    breakStart: '12:00',
    breakEnd: '13:00',
  });
  early = await workingProvider(t, 'Dr Early Bird', { start: '06:00', end: '10:00' });
  const db = t.app.ctx.db;
  short = await addService(db, { providerIds: [doctor.id], durationMinutes: 30 });
  long = await addService(db, { providerIds: [doctor.id], durationMinutes: 50, bufferMinutes: 10 });
  earlyService = await addService(db, { providerIds: [early.id], durationMinutes: 30 });
});
afterAll(() => closeClinic(t));

type Slot = { startsAt: string; endsAt: string; localDate: string; localTime: string; roomId: string | null };

const ask = (q: Record<string, string>, cookie: string | null = receptionist.cookie) =>
  t.request({
    method: 'GET',
    url: `/api/availability?${new URLSearchParams(q)}`,
    cookie: cookie ?? undefined,
  });

async function slots(service: string, from: string, to: string, providerId = doctor.id): Promise<Slot[]> {
  const res = await ask({ provider: providerId, service, from, to });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().slots;
}
const timesOn = (list: Slot[], date: string) =>
  list.filter((s) => s.localDate === date).map((s) => s.localTime);

const MORNING_30 = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
const AFTERNOON_30 = ['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];

describe('GET /api/availability', () => {
  it('spring forward (8 March 2026): the same local slots, one hour earlier in UTC', async () => {
    const list = await slots(short, '2026-03-07T05:00:00Z', '2026-03-09T04:00:00Z');
    expect(timesOn(list, '2026-03-07')).toEqual([...MORNING_30, ...AFTERNOON_30]);
    expect(timesOn(list, '2026-03-08')).toEqual([...MORNING_30, ...AFTERNOON_30]);
    const first = (date: string) => list.find((s) => s.localDate === date);
    expect(first('2026-03-07')).toMatchObject({
      startsAt: '2026-03-07T14:00:00.000Z', // EST, UTC−5
      endsAt: '2026-03-07T14:30:00.000Z',
    });
    expect(first('2026-03-08')).toMatchObject({ startsAt: '2026-03-08T13:00:00.000Z' }); // EDT, UTC−4
    expect(list.at(-1)).toMatchObject({ localTime: '16:30', startsAt: '2026-03-08T20:30:00.000Z' });
  });

  it('fall back (1 November 2026): the same local slots, one hour later in UTC', async () => {
    const list = await slots(short, '2026-10-31T04:00:00Z', '2026-11-02T05:00:00Z');
    expect(timesOn(list, '2026-10-31')).toEqual([...MORNING_30, ...AFTERNOON_30]);
    expect(timesOn(list, '2026-11-01')).toEqual([...MORNING_30, ...AFTERNOON_30]);
    expect(list.find((s) => s.localDate === '2026-10-31')?.startsAt).toBe('2026-10-31T13:00:00.000Z');
    expect(list.find((s) => s.localDate === '2026-11-01')?.startsAt).toBe('2026-11-01T14:00:00.000Z');
  });

  it('steps by the duration; duration plus buffer must fit before the break and the end of the day', async () => {
    const list = await slots(long, '2026-03-09T04:00:00Z', '2026-03-10T04:00:00Z');
    expect(timesOn(list, '2026-03-09')).toEqual([
      '09:00',
      '09:50',
      '10:40',
      '13:00',
      '13:50',
      '14:40',
      '15:30',
    ]);
    expect(list[0]).toMatchObject({
      startsAt: '2026-03-09T13:00:00.000Z',
      endsAt: '2026-03-09T13:50:00.000Z',
    });
  });

  it('leaves out time off, and realigns on its end', async () => {
    await addTimeOff(t.app.ctx.db, doctor.id, '2026-03-10T18:00:00Z', '2026-03-10T19:00:00Z'); // 14:00–15:00 EDT
    const list = await slots(short, '2026-03-10T04:00:00Z', '2026-03-11T04:00:00Z');
    expect(timesOn(list, '2026-03-10')).toEqual([
      ...MORNING_30,
      '13:00',
      '13:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
  });

  it('a clinic-wide holiday removes the whole day', async () => {
    await addTimeOff(t.app.ctx.db, null, '2026-03-12T04:00:00Z', '2026-03-13T04:00:00Z');
    expect(await slots(short, '2026-03-12T04:00:00Z', '2026-03-13T04:00:00Z')).toEqual([]);
  });

  it('an existing booking blocks its time and its buffer; cancelling frees them again', async () => {
    const patientId = await patientWith(t.app.ctx.db);
    const booked = await bookAs(t, receptionist, {
      patientId,
      providerId: doctor.id,
      serviceId: long,
      startsAt: '2026-03-11T14:00:00Z', // 10:00 EDT
    });
    const day = ['2026-03-11T04:00:00Z', '2026-03-12T04:00:00Z'] as const;
    // Busy 10:00–11:00 (50 min + 10 min buffer).
    expect(timesOn(await slots(short, ...day), '2026-03-11')).toEqual([
      '09:00',
      '09:30',
      '11:00',
      '11:30',
      ...AFTERNOON_30,
    ]);
    // 09:00 + 60 min ends exactly when the booking starts; 09:50 and 10:40 overlap it.
    expect(timesOn(await slots(long, ...day), '2026-03-11')).toEqual([
      '09:00',
      '13:00',
      '13:50',
      '14:40',
      '15:30',
    ]);
    // Moving that appointment: its own time counts as free.
    const moving = await ask({
      provider: doctor.id,
      service: short,
      from: day[0],
      to: day[1],
      except: booked.id,
    });
    expect(timesOn(moving.json().slots, '2026-03-11')).toEqual([...MORNING_30, ...AFTERNOON_30]);
    const cancelled = await t.request({
      method: 'POST',
      url: `/api/appointments/${booked.id}/cancel`,
      cookie: receptionist.cookie,
      payload: { reason: 'patient called' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(timesOn(await slots(short, ...day), '2026-03-11')).toEqual([...MORNING_30, ...AFTERNOON_30]);
  });

  it('never offers a slot that has already started', async () => {
    // Now is 07:00 and a little in New York; Dr Early Bird works 06:00–10:00.
    const list = await slots(earlyService, '2026-02-02T05:00:00Z', '2026-02-03T05:00:00Z', early.id);
    expect(timesOn(list, '2026-02-02')).toEqual(['07:30', '08:00', '08:30', '09:00', '09:30']);
    expect(list.every((s) => Date.parse(s.startsAt) > Date.now())).toBe(true);
  });

  it('refuses bad ranges and a provider that does not offer the service, naming the field', async () => {
    const base = { provider: doctor.id, service: short };
    const bad = async (q: Record<string, string>) => {
      const res = await ask(q);
      expect(res.statusCode, res.body).toBe(400);
      return errorPaths(res);
    };
    expect(await bad({ ...base, from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toEqual([
      'query.to',
    ]);
    expect(await bad({ ...base, from: '2026-03-01T00:00:00Z', to: '2026-04-02T00:00:00Z' })).toEqual([
      'query.to',
    ]);
    expect(
      await bad({ ...base, provider: early.id, from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' }),
    ).toEqual(['query.provider']);
    expect(
      await bad({
        ...base,
        service: '00000000-0000-4000-8000-000000000000',
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-02T00:00:00Z',
      }),
    ).toEqual(['query.service']);
    expect(await bad({ ...base, from: 'yesterday', to: '2026-03-02T00:00:00Z' })).toEqual(['query.from']);
    // 31 days exactly is allowed.
    expect(
      (await ask({ ...base, from: '2026-03-01T05:00:00Z', to: '2026-04-01T05:00:00Z' })).statusCode,
    ).toBe(200);
  });

  it('needs appointments:read (or the patient portal)', async () => {
    const q = {
      provider: doctor.id,
      service: short,
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
    };
    expect((await ask(q, null)).statusCode).toBe(401);
    const pharmacist = await t.userWithRoles(['pharmacist']);
    expect((await ask(q, pharmacist.cookie)).statusCode).toBe(403);
    const nurse = await t.userWithRoles(['nurse']);
    expect((await ask(q, nurse.cookie)).statusCode).toBe(200);
  });
});
