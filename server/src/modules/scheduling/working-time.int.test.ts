import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { scheduleRules, serviceProviders, services, timeOff } from './scheduling.schema.ts';
import { findService, workingIntervals } from './working-time.ts';

let t: TestApp;
let db: Db;
let providerId: string;
let otherId: string;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.ctx.db;
  providerId = (await t.userWithRoles(['doctor'])).id;
  otherId = (await t.userWithRoles(['dentist'])).id;
});
afterAll(async () => t.close());

const iso = (xs: { start: Date; end: Date; roomId: string | null }[]) =>
  xs.map((x) => [x.start.toISOString(), x.end.toISOString()]);

describe('workingIntervals', () => {
  beforeAll(async () => {
    await db.insert(scheduleRules).values([
      ...[0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
        providerId,
        kind: 'work' as const,
        weekday,
        startTime: '09:00',
        endTime: '17:00',
      })),
      { providerId, kind: 'break' as const, weekday: 1, startTime: '12:00', endTime: '13:00' },
      { providerId: otherId, kind: 'work' as const, weekday: 1, startTime: '08:00', endTime: '20:00' },
    ]);
  });

  it('gives 09:00–17:00 local on both New York transition days, 8 hours each', async () => {
    const spring = await workingIntervals(db, {
      providerId,
      from: new Date('2026-03-08T00:00:00Z'),
      to: new Date('2026-03-09T00:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(iso(spring)).toEqual([['2026-03-08T13:00:00.000Z', '2026-03-08T21:00:00.000Z']]);
    const autumn = await workingIntervals(db, {
      providerId,
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(iso(autumn)).toEqual([['2026-11-01T14:00:00.000Z', '2026-11-01T22:00:00.000Z']]);
    expect(autumn[0]?.roomId).toBeNull();
  });

  it('removes breaks, the provider’s leave and clinic-wide holidays but not another provider’s leave', async () => {
    await db.insert(timeOff).values([
      {
        providerId,
        kind: 'leave',
        startsAt: new Date('2026-01-05T15:00:00Z'),
        endsAt: new Date('2026-01-05T16:00:00Z'),
      },
      {
        providerId: null,
        kind: 'holiday',
        startsAt: new Date('2026-01-06T00:00:00Z'),
        endsAt: new Date('2026-01-07T00:00:00Z'),
      },
      {
        providerId: otherId,
        kind: 'leave',
        startsAt: new Date('2026-01-05T09:00:00Z'),
        endsAt: new Date('2026-01-05T17:00:00Z'),
      },
    ]);
    const xs = await workingIntervals(db, {
      providerId,
      from: new Date('2026-01-05T00:00:00Z'),
      to: new Date('2026-01-08T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(iso(xs)).toEqual([
      ['2026-01-05T09:00:00.000Z', '2026-01-05T12:00:00.000Z'],
      ['2026-01-05T13:00:00.000Z', '2026-01-05T15:00:00.000Z'],
      ['2026-01-05T16:00:00.000Z', '2026-01-05T17:00:00.000Z'],
      ['2026-01-07T09:00:00.000Z', '2026-01-07T17:00:00.000Z'],
    ]);
  });

  it('is empty for an unknown provider or an empty range', async () => {
    const from = new Date('2026-01-05T00:00:00Z');
    expect(
      await workingIntervals(db, {
        providerId: 'nope',
        from,
        to: new Date('2026-01-09T00:00:00Z'),
        timeZone: 'UTC',
      }),
    ).toEqual([]);
    expect(await workingIntervals(db, { providerId, from, to: from, timeZone: 'UTC' })).toEqual([]);
  });
});

describe('findService', () => {
  it('returns the service with its providers', async () => {
    const [row] = await db
      .insert(services)
      .values({ name: 'Check-up', departmentKey: 'general', durationMinutes: 20, bufferMinutes: 5 })
      .returning();
    if (!row) throw new Error('no service');
    await db.insert(serviceProviders).values([
      { serviceId: row.id, providerId },
      { serviceId: row.id, providerId: otherId },
    ]);
    const info = await findService(db, row.id);
    expect(info).toEqual({
      id: row.id,
      name: 'Check-up',
      departmentKey: 'general',
      durationMinutes: 20,
      bufferMinutes: 5,
      priceMinor: null,
      selfBookable: true,
      modality: null,
      active: true,
      providerIds: [providerId, otherId].sort(),
    });
  });

  it('throws not_found for an unknown or malformed id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const err = await findService(db, id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('not_found');
    }
  });
});
