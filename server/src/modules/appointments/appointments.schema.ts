import { APPOINTMENT_STATUS_VALUES } from '@carebase/contracts';
import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { patients } from '../patients/patients.schema.ts';
import { rooms, services } from '../scheduling/scheduling.schema.ts';
import { users } from '../users/users.schema.ts';

/** A recurring follow-up: the occurrences are ordinary appointments pointing at their series. */
export const appointmentSeries = pgTable('appointment_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  rrule: text('rrule').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Double booking is refused by the database: exclusion constraints (migration 0012) on the provider's and on
 * the patient's [starts_at, blocked_until) ranges of appointments that still hold their time.
 * `blocked_until` is the end plus the service's buffer.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => users.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    roomId: uuid('room_id').references(() => rooms.id),
    seriesId: uuid('series_id').references(() => appointmentSeries.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
    status: text('status', { enum: APPOINTMENT_STATUS_VALUES }).notNull().default('booked'),
    notes: text('notes').notNull().default(''),
    bookedVia: text('booked_via', { enum: ['staff', 'portal'] })
      .notNull()
      .default('staff'),
    bookedBy: uuid('booked_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    noShowAt: timestamp('no_show_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointments_provider_start_idx').on(t.providerId, t.startsAt),
    index('appointments_patient_start_idx').on(t.patientId, t.startsAt),
    index('appointments_room_start_idx').on(t.roomId, t.startsAt),
    index('appointments_series_idx').on(t.seriesId),
  ],
);

/**
 * One row per reminder to send (appointment × offset × channel). The row's status changes in the same
 * transaction that queues the message, so a restart never sends one twice.
 */
export const appointmentReminders = pgTable(
  'appointment_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    offsetMinutes: integer('offset_minutes').notNull(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'cancelled', 'skipped'] })
      .notNull()
      .default('pending'),
    outboxMessageId: uuid('outbox_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('appointment_reminders_once').on(t.appointmentId, t.offsetMinutes, t.channel),
    index('appointment_reminders_due_idx').on(t.status, t.sendAt),
  ],
);
