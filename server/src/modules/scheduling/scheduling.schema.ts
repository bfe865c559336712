import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../users/users.schema.ts';

/** A clinic department (general medicine, dental, imaging…): queues and ticket numbers are per department. */
export const departments = pgTable('departments', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  /** Letter(s) before the ticket number: A-012. */
  ticketPrefix: text('ticket_prefix').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const rooms = pgTable('rooms', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  departmentKey: text('department_key')
    .notNull()
    .references(() => departments.key),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An appointment type: how long it takes, the gap kept after it, and who offers it. */
export const services = pgTable('services', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  departmentKey: text('department_key')
    .notNull()
    .references(() => departments.key),
  durationMinutes: integer('duration_minutes').notNull(),
  bufferMinutes: integer('buffer_minutes').notNull().default(0),
  /** The usual price in minor units of the clinic's currency; billing's price list starts from it. */
  priceMinor: integer('price_minor'),
  /** Patients may book it themselves in the portal. */
  selfBookable: boolean('self_bookable').notNull().default(true),
  /** The DICOM modality (CT, MR, US…) of an imaging service: its booked appointments feed the modality worklist. */
  modality: text('modality'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const serviceProviders = pgTable(
  'service_providers',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.providerId] }),
    index('service_providers_provider_idx').on(t.providerId),
  ],
);

/**
 * Weekly hours in the clinic's local time: `work` rows open time, `break` rows take it away again.
 * Weekday 0 = Sunday … 6 = Saturday. `validFrom`/`validTo` (local dates, inclusive) bound a rule in time.
 */
export const scheduleRules = pgTable(
  'schedule_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['work', 'break'] }).notNull(),
    weekday: smallint('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    roomId: uuid('room_id').references(() => rooms.id),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('schedule_rules_provider_idx').on(t.providerId, t.weekday)],
);

/** Time off: a provider's leave, or (provider null) a clinic-wide holiday. */
export const timeOff = pgTable(
  'time_off',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id').references(() => users.id),
    kind: text('kind', { enum: ['holiday', 'leave', 'other'] }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('time_off_provider_idx').on(t.providerId, t.startsAt)],
);
