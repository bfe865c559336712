import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { patients } from '../patients/patients.schema.ts';
import { services } from '../scheduling/scheduling.schema.ts';
import { users } from '../users/users.schema.ts';
import { appointmentReminders, appointments } from './appointments.schema.ts';

export type ReminderRow = typeof appointmentReminders.$inferSelect;
export type ReminderChannel = ReminderRow['channel'];

/** Every pending reminder of the appointment becomes cancelled; returns how many. */
export async function cancelPendingReminders(tx: Executor, appointmentId: string): Promise<number> {
  const rows = await tx
    .update(appointmentReminders)
    .set({ status: 'cancelled' })
    .where(
      and(eq(appointmentReminders.appointmentId, appointmentId), eq(appointmentReminders.status, 'pending')),
    )
    .returning({ id: appointmentReminders.id });
  return rows.length;
}

/**
 * One pending row per (offset, channel). A row left from an earlier time of the same appointment (sent or
 * cancelled) is reused: the unique key allows one row per pair, and the new time needs its own reminder.
 */
export async function upsertPendingReminders(
  tx: Executor,
  rows: { appointmentId: string; offsetMinutes: number; channel: ReminderChannel; sendAt: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(appointmentReminders)
    .values(rows.map((r) => ({ ...r, status: 'pending' as const })))
    .onConflictDoUpdate({
      target: [
        appointmentReminders.appointmentId,
        appointmentReminders.offsetMinutes,
        appointmentReminders.channel,
      ],
      set: {
        sendAt: sql`excluded.send_at`,
        status: 'pending',
        sentAt: null,
        outboxMessageId: null,
      },
    });
}

export async function remindersOf(db: Executor, appointmentId: string): Promise<ReminderRow[]> {
  return db
    .select()
    .from(appointmentReminders)
    .where(eq(appointmentReminders.appointmentId, appointmentId))
    .orderBy(asc(appointmentReminders.sendAt), asc(appointmentReminders.channel));
}

/**
 * Due pending reminders, locked FOR UPDATE SKIP LOCKED: another instance sweeping at the same moment takes
 * other rows, and a row stays locked until the transaction that queues its message commits.
 */
export async function claimDueReminders(tx: Executor, now: Date, limit: number): Promise<ReminderRow[]> {
  return tx
    .select()
    .from(appointmentReminders)
    .where(and(eq(appointmentReminders.status, 'pending'), lte(appointmentReminders.sendAt, now)))
    .orderBy(asc(appointmentReminders.sendAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markReminder(
  tx: Executor,
  id: string,
  patch: { status: 'sent' | 'skipped' | 'cancelled'; outboxMessageId?: string | null; sentAt?: Date | null },
): Promise<void> {
  await tx.update(appointmentReminders).set(patch).where(eq(appointmentReminders.id, id));
}

/** What a reminder message says and where it goes. */
export async function reminderContext(db: Executor, appointmentId: string) {
  const [row] = await db
    .select({
      status: appointments.status,
      startsAt: appointments.startsAt,
      givenName: patients.givenName,
      email: patients.email,
      phone: patients.phone,
      patientUserId: patients.userId,
      providerName: users.name,
      serviceName: services.name,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(users, eq(users.id, appointments.providerId))
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .where(eq(appointments.id, appointmentId));
  return row;
}
