import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { jobSchedules } from '../../platform/jobs/job-schedules.schema.ts';
import { jobs } from '../../platform/jobs/jobs.schema.ts';
import { outboxMessages } from '../../platform/outbox/outbox.schema.ts';
import type { TestApp, TestUser } from '../../test/test-app.ts';
import { users } from '../users/users.schema.ts';
import { REMINDER_SCHEDULE, REMINDER_SWEEP_MS, sendDueReminders } from './appointment-reminders.ts';
import {
  addService,
  bookAs,
  clinicSettings,
  closeClinic,
  openClinic,
  patientWith,
  workingProvider,
} from './appointment-test-fixtures.ts';
import { appointmentReminders, appointments } from './appointments.schema.ts';

let t: TestApp;
let receptionist: TestUser;
let doctor: TestUser;
let serviceId: string;

beforeAll(async () => {
  t = await openClinic({ clinicName: 'Sunrise Clinic', phone: '+1 212 555 0100' });
  receptionist = await t.userWithRoles(['receptionist']);
  doctor = await workingProvider(t, 'Dr Ada Park');
  serviceId = await addService(t.app.ctx.db, {
    providerIds: [doctor.id],
    name: 'Check-up',
    durationMinutes: 30,
  });
});
afterAll(() => closeClinic(t));

const MINUTE = 60_000;

async function book(
  startsAt: string,
  patient?: { email?: string | null; phone?: string | null; userId?: string },
) {
  const patientId = await patientWith(t.app.ctx.db, {
    email: 'ana@example.org',
    phone: '+12125550123',
    ...patient,
  });
  return bookAs(t, receptionist, { patientId, providerId: doctor.id, serviceId, startsAt });
}

const remindersOf = (appointmentId: string) =>
  t.app.ctx.db
    .select()
    .from(appointmentReminders)
    .where(eq(appointmentReminders.appointmentId, appointmentId))
    .orderBy(asc(appointmentReminders.sendAt), asc(appointmentReminders.channel));

const summary = async (appointmentId: string) =>
  (await remindersOf(appointmentId)).map((r) => [
    r.offsetMinutes,
    r.channel,
    r.sendAt.toISOString(),
    r.status,
  ]);

/** Makes the pending reminders of an appointment due a minute ago (as if the time had come). */
const makeDue = (appointmentId: string) =>
  t.app.ctx.db
    .update(appointmentReminders)
    .set({ sendAt: new Date(Date.now() - MINUTE) })
    .where(eq(appointmentReminders.appointmentId, appointmentId));

const messagesFor = (ids: string[]) =>
  ids.length
    ? t.app.ctx.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids))
    : Promise.resolve([]);

describe('reminder rows', () => {
  it('one per offset × channel (24 h and 2 h, email and SMS by default) at the right times', async () => {
    const a = await book('2026-02-10T15:00:00.000Z'); // Tuesday 10:00 EST
    expect(await summary(a.id)).toEqual([
      [1440, 'email', '2026-02-09T15:00:00.000Z', 'pending'],
      [1440, 'sms', '2026-02-09T15:00:00.000Z', 'pending'],
      [120, 'email', '2026-02-10T13:00:00.000Z', 'pending'],
      [120, 'sms', '2026-02-10T13:00:00.000Z', 'pending'],
    ]);
  });

  it('only those whose send time is still ahead', async () => {
    // Today 10:00 EST: the 24-hour reminder would be in the past.
    const a = await book('2026-02-02T15:00:00.000Z');
    expect((await summary(a.id)).map((r) => r.slice(0, 2))).toEqual([
      [120, 'email'],
      [120, 'sms'],
    ]);
  });

  it('follows the settings (offsets and channels)', async () => {
    await clinicSettings(t, { appointments: { reminderOffsetsMinutes: [60], reminderChannels: ['sms'] } });
    try {
      const a = await book('2026-02-11T15:00:00.000Z');
      expect(await summary(a.id)).toEqual([[60, 'sms', '2026-02-11T14:00:00.000Z', 'pending']]);
    } finally {
      await clinicSettings(t, {
        appointments: { reminderOffsetsMinutes: [1440, 120], reminderChannels: ['email', 'sms'] },
      });
    }
  });

  it('rescheduling replaces them; cancelling cancels the pending ones', async () => {
    const a = await book('2026-02-12T15:00:00.000Z');
    const moved = await t.request({
      method: 'PATCH',
      url: `/api/appointments/${a.id}`,
      cookie: receptionist.cookie,
      payload: { startsAt: '2026-02-13T16:00:00.000Z' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await summary(a.id)).toEqual([
      [1440, 'email', '2026-02-12T16:00:00.000Z', 'pending'],
      [1440, 'sms', '2026-02-12T16:00:00.000Z', 'pending'],
      [120, 'email', '2026-02-13T14:00:00.000Z', 'pending'],
      [120, 'sms', '2026-02-13T14:00:00.000Z', 'pending'],
    ]);
    const cancelled = await t.request({
      method: 'POST',
      url: `/api/appointments/${a.id}/cancel`,
      cookie: receptionist.cookie,
      payload: { reason: 'feeling better' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect((await summary(a.id)).map((r) => r[3])).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
  });
});

describe('sending', () => {
  it('queues one outbox message per due reminder, in the clinic zone; a second run sends nothing more', async () => {
    const a = await book('2026-02-16T14:00:00.000Z'); // Monday 09:00 EST
    await makeDue(a.id);
    const first = await sendDueReminders(t.app.ctx);
    expect(first.sent).toBeGreaterThanOrEqual(4);
    const second = await sendDueReminders(t.app.ctx);
    expect(second).toEqual({ sent: 0, skipped: 0, cancelled: 0 });
    const rows = await remindersOf(a.id);
    expect(rows.every((r) => r.status === 'sent' && r.outboxMessageId && r.sentAt)).toBe(true);
    const messages = await messagesFor(rows.map((r) => r.outboxMessageId as string));
    expect(messages).toHaveLength(4);
    const email = messages.find((m) => m.channel === 'email');
    expect(email).toMatchObject({ to: 'ana@example.org' });
    expect(email?.subject).toBe('Appointment reminder: Check-up, Monday, February 16, 2026, 9:00 AM EST');
    expect(email?.body).toContain('Hello Ana,');
    expect(email?.body).toContain('Check-up with Dr Ada Park on Monday, February 16, 2026, 9:00 AM EST');
    expect(email?.body).toContain('+1 212 555 0100');
    const sms = messages.find((m) => m.channel === 'sms');
    expect(sms).toMatchObject({ to: '+12125550123' });
    expect(sms?.body).toBe(
      'Sunrise Clinic: reminder of your appointment (Check-up) with Dr Ada Park on Monday, February 16, 2026, 9:00 AM EST.',
    );
  });

  it('skips a channel the patient has no address for', async () => {
    const a = await book('2026-02-17T14:00:00.000Z', { email: null });
    await makeDue(a.id);
    await sendDueReminders(t.app.ctx);
    const rows = await remindersOf(a.id);
    expect(rows.filter((r) => r.channel === 'email').map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(rows.filter((r) => r.channel === 'email').every((r) => r.outboxMessageId === null)).toBe(true);
    expect(rows.filter((r) => r.channel === 'sms').map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('writes in the patient’s language when their portal account has one', async () => {
    const portal = await t.userWithRoles(['patient']);
    await t.app.ctx.db
      .update(users)
      .set({ settings: { language: 'es' } })
      .where(eq(users.id, portal.id));
    const a = await book('2026-02-18T14:00:00.000Z', { userId: portal.id });
    await makeDue(a.id);
    await sendDueReminders(t.app.ctx);
    const rows = await remindersOf(a.id);
    const messages = await messagesFor(rows.map((r) => r.outboxMessageId as string));
    const email = messages.find((m) => m.channel === 'email');
    expect(email?.subject).toMatch(/^Recordatorio de cita: Check-up, miércoles, 18 de febrero de 2026, 9:00/);
    expect(email?.body).toContain('Le recordamos su cita de Check-up con Dr Ada Park');
  });

  it('runs as a schedule: a tick sends what is due and leaves one schedule row, no job rows', async () => {
    const a = await book('2026-02-19T14:00:00.000Z');
    await makeDue(a.id);
    const schedule = eq(jobSchedules.name, REMINDER_SCHEDULE);
    await t.app.ctx.jobs.runSchedules(); // declares the schedule (and ticks it when due)
    await t.app.ctx.db
      .update(jobSchedules)
      .set({ nextRunAt: new Date(Date.now() - 1000) })
      .where(schedule);
    expect(await t.app.ctx.jobs.runSchedules()).toBe(1);
    expect((await remindersOf(a.id)).map((r) => r.status).join()).toBe('sent,sent,sent,sent');
    const rows = await t.app.ctx.db.select().from(jobSchedules).where(schedule);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ intervalMs: REMINDER_SWEEP_MS, lastOutcome: 'ok', lockedAt: null });
    expect(rows[0]!.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(await t.app.ctx.jobs.runSchedules()).toBe(0); // not due again before a minute has passed
    expect(await t.app.ctx.db.select().from(jobs).where(eq(jobs.kind, REMINDER_SCHEDULE))).toEqual([]);
  });

  it('a new server instance on the same database does not send again, and sends what was left', async () => {
    const sent = await book('2026-02-20T14:00:00.000Z');
    const later = await book('2026-02-20T16:00:00.000Z');
    await makeDue(sent.id);
    await sendDueReminders(t.app.ctx);
    await makeDue(later.id);
    // The first instance stops; another starts on the same database and sweeps.
    const restarted = await buildApp(t.config, { database: t.database, startJobs: false });
    await restarted.ready();
    try {
      await sendDueReminders(restarted.ctx);
      await sendDueReminders(restarted.ctx);
    } finally {
      await restarted.close();
    }
    for (const id of [sent.id, later.id]) {
      const rows = await remindersOf(id);
      expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
      const messages = await messagesFor(rows.map((r) => r.outboxMessageId as string));
      expect(messages).toHaveLength(4);
    }
    const all = await t.app.ctx.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, 'ana@example.org'));
    const ids = new Set(all.map((m) => m.id));
    expect(ids.size).toBe(all.length);
  });

  it('a reminder left pending for an appointment that is no longer booked is cancelled, not sent', async () => {
    const a = await book('2026-02-23T14:00:00.000Z');
    // As if the cancellation had raced the sweep: the appointment is cancelled, its rows still pending.
    await t.app.ctx.db.update(appointments).set({ status: 'cancelled' }).where(eq(appointments.id, a.id));
    await makeDue(a.id);
    const result = await sendDueReminders(t.app.ctx);
    expect(result.cancelled).toBe(4);
    expect((await remindersOf(a.id)).every((r) => r.status === 'cancelled' && !r.outboxMessageId)).toBe(true);
  });
});
