import { randomBytes } from 'node:crypto';
import type { Appointment, SystemSettingsPatch } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { patients } from '../patients/patients.schema.ts';
import {
  rooms,
  scheduleRules,
  serviceProviders,
  services,
  timeOff,
} from '../scheduling/scheduling.schema.ts';
import { patchSystemSettings } from '../settings/settings.service.ts';
import { users } from '../users/users.schema.ts';

/** Test data for the appointment tests: schedules and services written straight to the scheduling tables. */

export const NY = 'America/New_York';

/**
 * The clock of the test process (server code included) starts at `iso` and runs on from there, so tests
 * can book on fixed dates such as the 2026 daylight-saving changes whatever the real date is.
 */
export function startClockAt(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: new Date(iso) });
}

export function restoreClock(): void {
  vi.useRealTimers();
}

export async function clinicSettings(t: TestApp, patch: SystemSettingsPatch): Promise<void> {
  await patchSystemSettings(t.app.ctx, SYSTEM_ACTOR, patch);
}

/**
 * A test app for a clinic in New York, its clock started on Monday 2 February 2026 at 07:00 local time
 * (both 2026 daylight-saving changes ahead); `settings` apply on top of the time zone. Undo with closeClinic.
 */
export async function openClinic(settings: SystemSettingsPatch = {}): Promise<TestApp> {
  startClockAt('2026-02-02T12:00:00Z');
  const t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  await clinicSettings(t, { timeZone: NY, ...settings });
  return t;
}

export async function closeClinic(t: TestApp | undefined): Promise<void> {
  await t?.close();
  restoreClock();
}

/** A clinical user renamed so messages read naturally ("Dr Ada Park already has…"). */
export async function provider(t: TestApp, name: string, role = 'doctor'): Promise<TestUser> {
  const user = await t.userWithRoles([role]);
  await t.app.ctx.db.update(users).set({ name }).where(eq(users.id, user.id));
  return user;
}

/** A `provider` with weekly hours (see addWeeklyHours: every day 09:00–17:00 unless told otherwise). */
export async function workingProvider(
  t: TestApp,
  name: string,
  { role, ...hours }: WeeklyHours & { role?: string } = {},
): Promise<TestUser> {
  const user = await provider(t, name, role);
  await addWeeklyHours(t.app.ctx.db, user.id, hours);
  return user;
}

/** Books through the API as `by` and expects 201. */
export async function bookAs(t: TestApp, by: TestUser, body: Record<string, unknown>): Promise<Appointment> {
  const res = await t.request({ method: 'POST', url: '/api/appointments', cookie: by.cookie, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function addService(
  db: Executor,
  opts: {
    providerIds: string[];
    durationMinutes?: number;
    bufferMinutes?: number;
    selfBookable?: boolean;
    active?: boolean;
    name?: string;
  },
): Promise<string> {
  const [row] = await db
    .insert(services)
    .values({
      name: opts.name ?? `Service ${randomBytes(4).toString('hex')}`,
      departmentKey: 'general',
      durationMinutes: opts.durationMinutes ?? 30,
      bufferMinutes: opts.bufferMinutes ?? 0,
      selfBookable: opts.selfBookable ?? true,
      active: opts.active ?? true,
    })
    .returning({ id: services.id });
  if (!row) throw new Error('no service inserted');
  if (opts.providerIds.length)
    await db
      .insert(serviceProviders)
      .values(opts.providerIds.map((providerId) => ({ serviceId: row.id, providerId })));
  return row.id;
}

export async function addRoom(
  db: Executor,
  name = `Room ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const [row] = await db.insert(rooms).values({ name, departmentKey: 'general' }).returning({ id: rooms.id });
  if (!row) throw new Error('no room inserted');
  return row.id;
}

type WeeklyHours = {
  weekdays?: number[];
  start?: string;
  end?: string;
  breakStart?: string;
  breakEnd?: string;
  roomId?: string | null;
};

/** Local weekly hours: work on the given weekdays (0 = Sunday), optionally a break, in an optional room. */
export async function addWeeklyHours(
  db: Executor,
  providerId: string,
  opts: WeeklyHours = {},
): Promise<void> {
  const weekdays = opts.weekdays ?? [0, 1, 2, 3, 4, 5, 6];
  await db.insert(scheduleRules).values(
    weekdays.map((weekday) => ({
      providerId,
      kind: 'work' as const,
      weekday,
      startTime: opts.start ?? '09:00',
      endTime: opts.end ?? '17:00',
      roomId: opts.roomId ?? null,
    })),
  );
  const { breakStart, breakEnd } = opts;
  if (breakStart && breakEnd) {
    await db.insert(scheduleRules).values(
      weekdays.map((weekday) => ({
        providerId,
        kind: 'break' as const,
        weekday,
        startTime: breakStart,
        endTime: breakEnd,
      })),
    );
  }
}

export async function addTimeOff(
  db: Executor,
  providerId: string | null,
  startsAt: string,
  endsAt: string,
): Promise<void> {
  await db.insert(timeOff).values({
    providerId,
    kind: providerId ? 'leave' : 'holiday',
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
  });
}

export async function patientWith(
  db: Executor,
  opts: { email?: string | null; phone?: string | null; userId?: string; givenName?: string } = {},
): Promise<string> {
  const id = await insertPatient(db, {
    givenName: opts.givenName ?? 'Ana',
    ...(opts.userId ? { userId: opts.userId } : {}),
  });
  await db
    .update(patients)
    .set({ email: opts.email ?? null, phone: opts.phone ?? null })
    .where(eq(patients.id, id));
  return id;
}

/** A user holding the patient role, linked to a new patient record. */
export async function portalUser(t: TestApp): Promise<{ user: TestUser; patientId: string }> {
  const user = await t.userWithRoles(['patient']);
  const patientId = await patientWith(t.app.ctx.db, {
    userId: user.id,
    givenName: 'Pia',
    email: 'pia@example.org',
  });
  return { user, patientId };
}
