import {
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { appointments } from '../appointments/appointments.schema.ts';
import { encounters } from '../encounters/encounters.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { departments, rooms } from '../scheduling/scheduling.schema.ts';
import { users } from '../users/users.schema.ts';

export const QUEUE_STATUSES = ['waiting', 'called', 'in_consultation', 'done', 'skipped', 'no_show'] as const;
/** Called first: emergency, then senior/PWD/pregnant, then everyone else; by arrival within each. */
export const QUEUE_PRIORITIES = ['emergency', 'priority', 'normal'] as const;

/** Today's next ticket number per department: `update … returning` hands out numbers without gaps or repeats. */
export const ticketCounters = pgTable(
  'ticket_counters',
  {
    departmentKey: text('department_key')
      .notNull()
      .references(() => departments.key),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.departmentKey, t.day] })],
);

/** A patient's presence at the clinic on one day: a checked-in appointment or a walk-in, with its ticket. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    appointmentId: uuid('appointment_id')
      .references(() => appointments.id)
      .unique(),
    departmentKey: text('department_key')
      .notNull()
      .references(() => departments.key),
    providerId: uuid('provider_id').references(() => users.id),
    roomId: uuid('room_id').references(() => rooms.id),
    day: date('day', { mode: 'string' }).notNull(),
    ticketNumber: integer('ticket_number').notNull(),
    ticket: text('ticket').notNull(),
    priority: text('priority', { enum: QUEUE_PRIORITIES }).notNull().default('normal'),
    priorityReason: text('priority_reason'),
    status: text('status', { enum: QUEUE_STATUSES }).notNull().default('waiting'),
    kind: text('kind', { enum: ['appointment', 'walk_in'] }).notNull(),
    triageNote: text('triage_note'),
    triagedBy: uuid('triaged_by').references(() => users.id),
    encounterId: uuid('encounter_id').references(() => encounters.id),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull().defaultNow(),
    calledAt: timestamp('called_at', { withTimezone: true }),
    calledBy: uuid('called_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('visits_ticket_per_day').on(t.departmentKey, t.day, t.ticketNumber),
    index('visits_queue_idx').on(t.departmentKey, t.day, t.status),
    index('visits_provider_idx').on(t.providerId, t.day, t.status),
    index('visits_patient_idx').on(t.patientId),
  ],
);

/** A public display screen's credential: a token shown once, stored hashed, for one department. */
export const displayTokens = pgTable('display_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  departmentKey: text('department_key')
    .notNull()
    .references(() => departments.key),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
