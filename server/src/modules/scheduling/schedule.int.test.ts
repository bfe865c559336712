import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { scheduleRules } from './scheduling.schema.ts';
import { createSchedulingKit, type SchedulingKit } from './scheduling.test-kit.ts';

let k: SchedulingKit;
let roomId: string;
beforeAll(async () => {
  k = await createSchedulingKit();
  roomId = (await k.send('POST', '/api/rooms', { name: 'Room 1', departmentKey: 'general' })).json().id;
  const tz = await k.send('PATCH', '/api/settings/system', { timeZone: 'America/New_York' });
  expect(tz.statusCode).toBe(200);
});
afterAll(async () => k?.close());

const weekdays = [1, 2, 3, 4, 5];
const weekIn = (roomId: string) => [
  ...weekdays.map((weekday) => ({ kind: 'work', weekday, startTime: '09:00', endTime: '17:00', roomId })),
  ...weekdays.map((weekday) => ({ kind: 'break', weekday, startTime: '12:00', endTime: '13:00' })),
  { kind: 'work', weekday: 0, startTime: '09:00', endTime: '13:00' },
];

describe('PUT /api/providers/:id/schedule', () => {
  it('replaces the weekly hours in one go, audited and published', async () => {
    const first = await k.send('PUT', `/api/providers/${k.doctor.id}/schedule`, {
      rules: [{ kind: 'work', weekday: 6, startTime: '08:00', endTime: '10:00' }],
    });
    expect(first.statusCode).toBe(200);
    const res = await k.send('PUT', `/api/providers/${k.doctor.id}/schedule`, { rules: weekIn(roomId) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.providerId).toBe(k.doctor.id);
    expect(body.timeZone).toBe('America/New_York');
    expect(body.rules).toHaveLength(11);
    expect(body.rules.some((r: { weekday: number }) => r.weekday === 6)).toBe(false);
    expect(
      body.rules.find((r: { weekday: number; kind: string }) => r.weekday === 1 && r.kind === 'work'),
    ).toMatchObject({
      startTime: '09:00',
      endTime: '17:00',
      roomId,
      validFrom: null,
      validTo: null,
    });
    const audits = await auditOf(k.t.app.ctx.db, 'schedule.replace', k.doctor.id);
    expect(audits).toHaveLength(2);
    expect(audits[1]?.details).toMatchObject({
      before: [{ kind: 'work', weekday: 6, startTime: '08:00', endTime: '10:00' }],
    });
    await k.eventAbout('schedule.changed', k.doctor.id);
  });

  it('accepts 24:00 as an end, and validity dates', async () => {
    const res = await k.send('PUT', `/api/providers/${k.nurse.id}/schedule`, {
      rules: [
        {
          kind: 'work',
          weekday: 5,
          startTime: '20:00',
          endTime: '24:00',
          validFrom: '2026-01-01',
          validTo: '2026-06-30',
        },
        { kind: 'work', weekday: 5, startTime: '08:00', endTime: '22:00', validFrom: '2026-07-01' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .rules.map((r: { endTime: string }) => r.endTime)
        .sort(),
    ).toEqual(['22:00', '24:00']);
  });

  it('refuses rules that break the weekly rules, naming the row and field, and changes nothing', async () => {
    const before = await snapshot(k.t.app.ctx.db, scheduleRules);
    const work = { kind: 'work', weekday: 1, startTime: '09:00', endTime: '17:00' };
    const cases: [object[], string][] = [
      [[{ ...work, startTime: '9:00' }], 'body.rules.0.startTime'],
      [[{ ...work, startTime: '24:00' }], 'body.rules.0.startTime'],
      [[{ ...work, endTime: '17:60' }], 'body.rules.0.endTime'],
      [[{ ...work, endTime: '08:00' }], 'body.rules.0.endTime'],
      [[{ ...work, endTime: '09:00' }], 'body.rules.0.endTime'],
      [[{ ...work, weekday: 7 }], 'body.rules.0.weekday'],
      [[{ ...work, weekday: -1 }], 'body.rules.0.weekday'],
      [[{ ...work, kind: 'lunch' }], 'body.rules.0.kind'],
      [[{ ...work, validFrom: '2026-02-01', validTo: '2026-01-31' }], 'body.rules.0.validTo'],
      [[{ ...work, validFrom: '2026-02-30' }], 'body.rules.0.validFrom'],
      [[work, { ...work, startTime: '16:00', endTime: '18:00' }], 'body.rules.1.startTime'],
      [[work, { kind: 'break', weekday: 1, startTime: '16:30', endTime: '17:30' }], 'body.rules.1.startTime'],
      [[work, { kind: 'break', weekday: 2, startTime: '12:00', endTime: '13:00' }], 'body.rules.1.startTime'],
      [[{ ...work, roomId: '00000000-0000-4000-8000-000000000000' }], 'body.rules.0.roomId'],
      [
        [work, { kind: 'break', weekday: 1, startTime: '12:00', endTime: '13:00', roomId }],
        'body.rules.1.roomId',
      ],
      [[{ ...work, extra: 1 }], 'body.rules.0.extra'],
    ];
    for (const [rules, path] of cases) {
      const res = await k.send('PUT', `/api/providers/${k.doctor.id}/schedule`, { rules });
      expect(res.statusCode, JSON.stringify(rules)).toBe(400);
      expect(errorPaths(res), JSON.stringify(rules)).toEqual([path]);
    }
    expect(errorPaths(await k.send('PUT', `/api/providers/${k.doctor.id}/schedule`, {}))).toEqual([
      'body.rules',
    ]);
    expect(await snapshot(k.t.app.ctx.db, scheduleRules)).toEqual(before);
  });

  it('allows the same weekday hours twice when their validity ranges do not meet', async () => {
    const rules = [
      { kind: 'work', weekday: 3, startTime: '09:00', endTime: '17:00', validTo: '2026-03-31' },
      { kind: 'work', weekday: 3, startTime: '10:00', endTime: '18:00', validFrom: '2026-04-01' },
      { kind: 'break', weekday: 3, startTime: '17:30', endTime: '18:00', validFrom: '2026-04-01' },
    ];
    expect((await k.send('PUT', `/api/providers/${k.dentist.id}/schedule`, { rules })).statusCode).toBe(200);
  });

  it('answers 404 for someone who is not a provider, 401 and 403', async () => {
    const rules = { rules: [] };
    expect((await k.send('PUT', `/api/providers/${k.receptionist.id}/schedule`, rules)).statusCode).toBe(404);
    expect(errorPaths(await k.send('PUT', '/api/providers/x/schedule', rules))).toEqual(['params.id']);
    expect((await k.send('PUT', `/api/providers/${k.doctor.id}/schedule`, rules, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.nurse, k.patient]) {
      expect(
        (await k.send('PUT', `/api/providers/${k.doctor.id}/schedule`, rules, u.cookie)).statusCode,
      ).toBe(403);
    }
  });
});

describe('GET /api/providers/:id/schedule', () => {
  it('returns the rules to staff who read schedules', async () => {
    for (const u of [k.receptionist, k.doctor, k.nurse]) {
      const res = await k.send('GET', `/api/providers/${k.doctor.id}/schedule`, undefined, u.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.json().rules).toHaveLength(11);
    }
  });

  it('answers 404, 400, 401 and 403', async () => {
    expect((await k.send('GET', `/api/providers/${k.patient.id}/schedule`)).statusCode).toBe(404);
    expect(errorPaths(await k.send('GET', '/api/providers/x/schedule'))).toEqual(['params.id']);
    expect((await k.send('GET', `/api/providers/${k.doctor.id}/schedule`, undefined, null)).statusCode).toBe(
      401,
    );
    for (const u of [k.patient, k.pharmacist]) {
      expect(
        (await k.send('GET', `/api/providers/${k.doctor.id}/schedule`, undefined, u.cookie)).statusCode,
      ).toBe(403);
    }
  });
});

describe('GET /api/working-time', () => {
  const url = (from: string, to: string, provider = k.doctor.id) =>
    `/api/working-time?provider=${provider}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  it('keeps 09:00–17:00 New York time across the spring change, minus the lunch break', async () => {
    const res = await k.send(
      'GET',
      url('2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z'),
      undefined,
      k.receptionist.cookie,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      providerId: k.doctor.id,
      timeZone: 'America/New_York',
      intervals: [
        // Friday, EST (UTC−5)
        { start: '2026-03-06T14:00:00.000Z', end: '2026-03-06T17:00:00.000Z', roomId },
        { start: '2026-03-06T18:00:00.000Z', end: '2026-03-06T22:00:00.000Z', roomId },
        // Sunday 8 March, the change day: EDT from 03:00
        { start: '2026-03-08T13:00:00.000Z', end: '2026-03-08T17:00:00.000Z', roomId: null },
        // Monday, EDT (UTC−4)
        { start: '2026-03-09T13:00:00.000Z', end: '2026-03-09T16:00:00.000Z', roomId },
        { start: '2026-03-09T17:00:00.000Z', end: '2026-03-09T21:00:00.000Z', roomId },
      ],
    });
  });

  it('keeps local hours on the autumn change day and removes time off', async () => {
    await k.send('POST', '/api/time-off', {
      providerId: k.doctor.id,
      kind: 'leave',
      startsAt: '2026-11-02T14:00:00Z',
      endsAt: '2026-11-02T15:00:00Z',
    });
    const res = await k.send('GET', url('2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z'));
    expect(res.json().intervals).toEqual([
      { start: '2026-11-01T14:00:00.000Z', end: '2026-11-01T18:00:00.000Z', roomId: null },
      { start: '2026-11-02T15:00:00.000Z', end: '2026-11-02T17:00:00.000Z', roomId },
      { start: '2026-11-02T18:00:00.000Z', end: '2026-11-02T22:00:00.000Z', roomId },
    ]);
  });

  it('refuses bad ranges naming the field', async () => {
    expect(errorPaths(await k.send('GET', url('2026-03-10T00:00:00Z', '2026-03-09T00:00:00Z')))).toEqual([
      'query.to',
    ]);
    expect(errorPaths(await k.send('GET', url('2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z')))).toEqual([
      'query.to',
    ]);
    expect(errorPaths(await k.send('GET', url('yesterday', '2026-03-09T00:00:00Z')))).toEqual(['query.from']);
    expect(
      errorPaths(await k.send('GET', url('2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z', 'bob'))),
    ).toEqual(['query.provider']);
    expect(errorPaths(await k.send('GET', '/api/working-time'))).toEqual(
      expect.arrayContaining(['query.provider', 'query.from', 'query.to']),
    );
    expect(
      (await k.send('GET', url('2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z', k.receptionist.id)))
        .statusCode,
    ).toBe(404);
  });

  it('answers 401 and 403', async () => {
    const u = url('2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z');
    expect((await k.send('GET', u, undefined, null)).statusCode).toBe(401);
    for (const user of [k.patient, k.pharmacist]) {
      expect((await k.send('GET', u, undefined, user.cookie)).statusCode).toBe(403);
    }
  });
});
