import type { SystemSettings } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { readSystemSettings } from '../settings/settings.service.ts';
import { preferredLanguage } from '../users/users.service.ts';
import { reminderEmail, reminderSms } from './appointment-reminder-text.ts';
import {
  cancelPendingReminders,
  claimDueReminders,
  markReminder,
  reminderContext,
  upsertPendingReminders,
} from './appointment-reminders.repository.ts';

export const REMINDER_SCHEDULE = 'appointments.send-reminders';
/** How often the sweep runs. */
export const REMINDER_SWEEP_MS = 60_000;
const BATCH = 50;

/**
 * (Re)plans the reminders of a booked appointment: pending ones are cancelled, then one per offset × channel
 * of the settings whose send time is still ahead is made pending. Returns how many are pending.
 */
export async function planReminders(
  tx: Executor,
  appointment: { id: string; startsAt: Date },
  settings: SystemSettings,
): Promise<number> {
  await cancelPendingReminders(tx, appointment.id);
  const now = Date.now();
  const rows = [];
  for (const offsetMinutes of new Set(settings.appointments.reminderOffsetsMinutes)) {
    const sendAt = new Date(appointment.startsAt.getTime() - offsetMinutes * 60_000);
    if (sendAt.getTime() <= now) continue;
    for (const channel of new Set(settings.appointments.reminderChannels))
      rows.push({ appointmentId: appointment.id, offsetMinutes, channel, sendAt });
  }
  await upsertPendingReminders(tx, rows);
  return rows.length;
}

export type SweepResult = { sent: number; skipped: number; cancelled: number };

/**
 * Sends the reminders that are due. Each batch is one transaction: the rows are claimed FOR UPDATE SKIP
 * LOCKED, each message is queued in the outbox and its row marked sent before the commit, so a crash or a
 * restart either redoes the whole batch or finds it done; nothing is queued twice.
 */
export async function sendDueReminders(
  ctx: Pick<AppContext, 'db' | 'outbox'>,
  now: Date = new Date(),
): Promise<SweepResult> {
  const result: SweepResult = { sent: 0, skipped: 0, cancelled: 0 };
  for (;;) {
    const claimed = await ctx.db.transaction(async (tx) => {
      const due = await claimDueReminders(tx, now, BATCH);
      if (due.length === 0) return 0;
      const { settings } = await readSystemSettings(tx);
      for (const reminder of due) {
        const c = await reminderContext(tx, reminder.appointmentId);
        if (c?.status !== 'booked') {
          await markReminder(tx, reminder.id, { status: 'cancelled' });
          result.cancelled++;
          continue;
        }
        const to = reminder.channel === 'email' ? c.email : c.phone;
        // Too late to be useful (the sweep was down), or nowhere to send it.
        if (!to || c.startsAt <= now) {
          await markReminder(tx, reminder.id, { status: 'skipped' });
          result.skipped++;
          continue;
        }
        const language = await preferredLanguage(tx, c.patientUserId);
        const facts = {
          givenName: c.givenName,
          serviceName: c.serviceName,
          providerName: c.providerName,
          startsAt: c.startsAt,
          timeZone: settings.timeZone,
          clinicName: settings.clinicName,
          clinicPhone: settings.phone,
        };
        const outboxId =
          reminder.channel === 'email'
            ? await ctx.outbox.queueEmail(tx, { to, ...reminderEmail(facts, language) })
            : await ctx.outbox.queueSms(tx, { to, body: reminderSms(facts, language) });
        await markReminder(tx, reminder.id, {
          status: 'sent',
          outboxMessageId: outboxId,
          sentAt: new Date(),
        });
        result.sent++;
      }
      return due.length;
    });
    if (claimed < BATCH) return result;
  }
}

/**
 * The sweep is a schedule: one row on the Jobs page with its last run and outcome, not a job row a minute.
 * Every instance declares it; the database lets one of them run each tick.
 */
export function registerReminderSchedule(ctx: Pick<AppContext, 'db' | 'jobs' | 'outbox' | 'log'>): void {
  ctx.jobs.every(REMINDER_SCHEDULE, REMINDER_SWEEP_MS, async () => {
    const r = await sendDueReminders(ctx);
    if (r.sent || r.skipped || r.cancelled) ctx.log.info(r, 'appointment reminders');
  });
}
