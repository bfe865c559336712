import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import {
  findService,
  type ServiceInfo,
  type WorkingInterval,
  workingIntervals,
} from '../scheduling/working-time.ts';
import {
  type AppointmentInsert,
  type AppointmentRow,
  findRoom,
  insertAppointment,
} from './appointments.repository.ts';

/** Where and when an appointment sits: the checks shared by booking, moving and series. */

const MINUTE = 60_000;
const DAY = 86_400_000;

export type Times = { startsAt: Date; endsAt: Date; blockedUntil: Date };

export function timesOf(
  service: Pick<ServiceInfo, 'durationMinutes' | 'bufferMinutes'>,
  startsAt: Date,
): Times {
  const endsAt = new Date(startsAt.getTime() + service.durationMinutes * MINUTE);
  return { startsAt, endsAt, blockedUntil: new Date(endsAt.getTime() + service.bufferMinutes * MINUTE) };
}

/** The service, or a 400 naming the field when there is none. */
export async function serviceAt(db: Executor, id: string, path: string): Promise<ServiceInfo> {
  try {
    return await findService(db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw fieldError(path, 'is not a known service');
    throw err;
  }
}

const BODY_PATHS = { service: 'body.serviceId', provider: 'body.providerId' };

export function assertOffers(
  service: ServiceInfo,
  providerId: string,
  paths: { service: string; provider: string } = BODY_PATHS,
): void {
  if (!service.active) throw fieldError(paths.service, 'is no longer offered');
  if (!service.providerIds.includes(providerId))
    throw fieldError(paths.provider, `does not offer ${service.name}`);
}

/** The working interval that holds the whole appointment with its buffer, if the provider works then. */
export async function workingIntervalHolding(
  db: Executor,
  providerId: string,
  times: Times,
  timeZone: string,
): Promise<WorkingInterval | undefined> {
  // A wider window, so intervals are not cut at the edges of the question.
  const intervals = await workingIntervals(db, {
    providerId,
    from: new Date(times.startsAt.getTime() - DAY),
    to: new Date(times.blockedUntil.getTime() + DAY),
    timeZone,
  });
  return intervals.find((i) => i.start <= times.startsAt && times.blockedUntil <= i.end);
}

export function notWorkingConflict(providerName: string): AppError {
  return new AppError(
    'conflict',
    `${providerName} is not working then (outside working hours, a break or time off). ` +
      'Choose a free slot, or book with outsideHours and the reason in notes.',
  );
}

/** A slot the availability list offers: aligned on the interval start in steps of the duration. */
export function isOfferedSlot(interval: WorkingInterval, startsAt: Date, durationMinutes: number): boolean {
  return (startsAt.getTime() - interval.start.getTime()) % (durationMinutes * MINUTE) === 0;
}

export async function assertRoom(db: Executor, roomId: string | null, path: string): Promise<void> {
  if (roomId === null) return;
  const room = await findRoom(db, roomId);
  if (!room) throw fieldError(path, 'is not a known room');
  if (!room.active) throw fieldError(path, `${room.name} is closed`);
}

/** The constraint broken by an exclusion violation (SQLSTATE 23P01), as both drivers report it. */
export function exclusionViolation(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23P01') return typeof constraint === 'string' ? constraint : '';
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The 409 that the database's refusal of an overlap means; any other error passes through. */
export function overlapConflict(err: unknown, providerName: string): unknown {
  const constraint = exclusionViolation(err);
  if (constraint === undefined) return err;
  if (constraint === 'appointments_no_patient_overlap')
    return new AppError('conflict', 'The patient already has an appointment then.');
  return new AppError('conflict', `${providerName} already has an appointment at that time.`);
}

/**
 * Bookings that could overlap queue behind each other until their transaction ends: one patient's, then one
 * provider's (always in that order). Without this, two transactions inserting overlapping rows can each
 * wait for the other inside the exclusion constraint check, and PostgreSQL ends them with deadlock errors
 * instead of the 409 that the first one's commit gives the others.
 */
export async function lockBookings(tx: Executor, keys: { patientId: string; providerId: string }) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`appointments.patient:${keys.patientId}`}, 0)),
               pg_advisory_xact_lock(hashtextextended(${`appointments.provider:${keys.providerId}`}, 0))`,
  );
}

export async function insertOrConflict(
  tx: Executor,
  row: AppointmentInsert,
  providerName: string,
): Promise<AppointmentRow> {
  try {
    await lockBookings(tx, row);
    return await insertAppointment(tx, row);
  } catch (err) {
    throw overlapConflict(err, providerName);
  }
}
