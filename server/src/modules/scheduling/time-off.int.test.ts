import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { timeOff } from './scheduling.schema.ts';
import { createSchedulingKit, type SchedulingKit } from './scheduling.test-kit.ts';

let k: SchedulingKit;
beforeAll(async () => {
  k = await createSchedulingKit();
});
afterAll(async () => k?.close());

type TimeOffBody = { id: string; providerId: string | null; providerName: string | null; kind: string };
let leave: TimeOffBody;
let holiday: TimeOffBody;

describe('POST /api/time-off', () => {
  it('adds a provider’s leave and a clinic-wide holiday, audited and published', async () => {
    const res = await k.send('POST', '/api/time-off', {
      providerId: k.doctor.id,
      kind: 'leave',
      startsAt: '2026-05-04T00:00:00+02:00',
      endsAt: '2026-05-09T00:00:00+02:00',
      reason: 'Conference',
    });
    expect(res.statusCode).toBe(201);
    leave = res.json();
    expect(leave).toMatchObject({
      providerId: k.doctor.id,
      providerName: 'Test doctor',
      kind: 'leave',
      startsAt: '2026-05-03T22:00:00.000Z',
      endsAt: '2026-05-08T22:00:00.000Z',
      reason: 'Conference',
    });
    const [audit] = await auditOf(k.t.app.ctx.db, 'time_off.create', leave.id);
    expect(audit).toMatchObject({ actorId: k.admin.id, details: { providerId: k.doctor.id, kind: 'leave' } });
    await k.eventAbout('schedule.changed', k.doctor.id);

    const h = await k.send('POST', '/api/time-off', {
      kind: 'holiday',
      startsAt: '2026-05-01T00:00:00Z',
      endsAt: '2026-05-02T00:00:00Z',
    });
    expect(h.statusCode).toBe(201);
    holiday = h.json();
    expect(holiday).toMatchObject({ providerId: null, providerName: null, kind: 'holiday', reason: '' });
    await k.eventAbout('schedule.changed', holiday.id);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await snapshot(k.t.app.ctx.db, timeOff);
    const good = { kind: 'leave', startsAt: '2026-06-01T09:00:00Z', endsAt: '2026-06-01T12:00:00Z' };
    const cases: [object, string][] = [
      [{ ...good, kind: 'vacation' }, 'body.kind'],
      [{ ...good, startsAt: 'tomorrow' }, 'body.startsAt'],
      [{ ...good, startsAt: '2026-06-01T09:00:00' }, 'body.startsAt'],
      [{ ...good, endsAt: '2026-06-01T09:00:00Z' }, 'body.endsAt'],
      [{ ...good, endsAt: '2026-05-31T09:00:00Z' }, 'body.endsAt'],
      [{ ...good, providerId: 'bob' }, 'body.providerId'],
      [{ ...good, providerId: k.receptionist.id }, 'body.providerId'],
      [{ ...good, providerId: '00000000-0000-4000-8000-000000000000' }, 'body.providerId'],
      [{ ...good, reason: 'x'.repeat(501) }, 'body.reason'],
      [{ ...good, createdBy: k.admin.id }, 'body.createdBy'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('POST', '/api/time-off', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    expect(await snapshot(k.t.app.ctx.db, timeOff)).toEqual(before);
  });

  it('answers 401 and 403 to every role without schedules:write', async () => {
    const payload = { kind: 'other', startsAt: '2026-06-01T09:00:00Z', endsAt: '2026-06-01T12:00:00Z' };
    expect((await k.send('POST', '/api/time-off', payload, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.dentist, k.nurse, k.pharmacist, k.accountant, k.patient]) {
      expect((await k.send('POST', '/api/time-off', payload, u.cookie)).statusCode).toBe(403);
    }
  });
});

describe('GET /api/time-off', () => {
  it('filters by provider (with clinic-wide days), clinic only, and range', async () => {
    const nurseLeave = (
      await k.send('POST', '/api/time-off', {
        providerId: k.nurse.id,
        kind: 'other',
        startsAt: '2026-07-01T08:00:00Z',
        endsAt: '2026-07-01T10:00:00Z',
      })
    ).json();
    const ids = async (query: string, cookie?: string) => {
      const res = await k.send('GET', `/api/time-off${query}`, undefined, cookie);
      expect(res.statusCode).toBe(200);
      return res.json().items.map((x: TimeOffBody) => x.id);
    };
    expect(await ids('', k.receptionist.cookie)).toEqual([holiday.id, leave.id, nurseLeave.id]);
    expect(await ids(`?provider=${k.doctor.id}`)).toEqual([holiday.id, leave.id]);
    expect(await ids('?provider=clinic')).toEqual([holiday.id]);
    const from = encodeURIComponent('2026-05-08T21:00:00Z');
    const to = encodeURIComponent('2026-07-01T09:00:00Z');
    expect(await ids(`?from=${from}&to=${to}`)).toEqual([leave.id, nurseLeave.id]);
    expect(await ids(`?from=${encodeURIComponent('2026-05-08T22:00:00Z')}`)).toEqual([nurseLeave.id]);
  });

  it('answers 400, 401 and 403', async () => {
    expect(errorPaths(await k.send('GET', '/api/time-off?provider=bob'))).toEqual(['query.provider']);
    expect(errorPaths(await k.send('GET', '/api/time-off?from=soon'))).toEqual(['query.from']);
    expect((await k.send('GET', '/api/time-off', undefined, null)).statusCode).toBe(401);
    for (const u of [k.patient, k.pharmacist]) {
      expect((await k.send('GET', '/api/time-off', undefined, u.cookie)).statusCode).toBe(403);
    }
  });
});

describe('DELETE /api/time-off/:id', () => {
  it('answers 401 and 403 and keeps the row', async () => {
    expect((await k.send('DELETE', `/api/time-off/${leave.id}`, undefined, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.patient]) {
      expect((await k.send('DELETE', `/api/time-off/${leave.id}`, undefined, u.cookie)).statusCode).toBe(403);
    }
    expect((await k.send('GET', `/api/time-off?provider=${k.doctor.id}`)).json().items).toHaveLength(2);
  });

  it('removes time off, audited with what it was, then answers 404', async () => {
    const res = await k.send('DELETE', `/api/time-off/${leave.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const [audit] = await auditOf(k.t.app.ctx.db, 'time_off.delete', leave.id);
    expect(audit?.details).toMatchObject({ providerId: k.doctor.id, kind: 'leave', reason: 'Conference' });
    expect((await k.send('GET', `/api/time-off?provider=${k.doctor.id}`)).json().items).toHaveLength(1);
    expect((await k.send('DELETE', `/api/time-off/${leave.id}`)).statusCode).toBe(404);
    expect(errorPaths(await k.send('DELETE', '/api/time-off/nope'))).toEqual(['params.id']);
  });
});
