import { randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import { appointments } from '../appointments/appointments.schema.ts';
import { departments, rooms, serviceProviders, services } from '../scheduling/scheduling.schema.ts';
import { visits } from './queue.schema.ts';

/** Test data for the queue tests, written straight to the scheduling and appointment tables. */
const suffix = () => randomBytes(4).toString('hex');

export async function insertDepartment(db: Executor, prefix: string): Promise<string> {
  const key = `dept-${suffix()}`;
  await db.insert(departments).values({ key, name: `Department ${prefix}`, ticketPrefix: prefix });
  return key;
}

export async function insertRoom(db: Executor, departmentKey: string, name?: string): Promise<string> {
  const [row] = await db
    .insert(rooms)
    .values({ name: name ?? `Room ${suffix()}`, departmentKey })
    .returning({ id: rooms.id });
  if (!row) throw new Error('no room inserted');
  return row.id;
}

export async function insertService(
  db: Executor,
  departmentKey: string,
  providerIds: string[] = [],
): Promise<string> {
  const [row] = await db
    .insert(services)
    .values({ name: `Service ${suffix()}`, departmentKey, durationMinutes: 20 })
    .returning({ id: services.id });
  if (!row) throw new Error('no service inserted');
  for (const providerId of providerIds)
    await db.insert(serviceProviders).values({ serviceId: row.id, providerId });
  return row.id;
}

let slot = 0;

/** A booked appointment at a distinct 20-minute slot (on the day of `day`, 00:00 UTC + n × 20 min). */
export async function insertAppointment(
  db: Executor,
  f: { patientId: string; providerId: string; serviceId: string; roomId?: string; day?: Date },
): Promise<string> {
  const day = f.day ?? new Date();
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const startsAt = new Date(midnight + (slot++ % 70) * 20 * 60_000);
  const endsAt = new Date(startsAt.getTime() + 20 * 60_000);
  const [row] = await db
    .insert(appointments)
    .values({
      patientId: f.patientId,
      providerId: f.providerId,
      serviceId: f.serviceId,
      roomId: f.roomId ?? null,
      startsAt,
      endsAt,
      blockedUntil: endsAt,
    })
    .returning({ id: appointments.id });
  if (!row) throw new Error('no appointment inserted');
  return row.id;
}

/** A finished visit of an earlier day, `minutes` long: history for the estimated waits. */
export async function insertDoneVisit(
  db: Executor,
  f: { patientId: string; departmentKey: string; providerId: string; minutes: number; n: number },
): Promise<void> {
  const doneAt = new Date(Date.now() - 86_400_000 + f.n * 60_000);
  await db.insert(visits).values({
    patientId: f.patientId,
    departmentKey: f.departmentKey,
    providerId: f.providerId,
    day: doneAt.toISOString().slice(0, 10),
    ticketNumber: 9000 + f.n,
    ticket: `H-${9000 + f.n}`,
    status: 'done',
    kind: 'walk_in',
    arrivedAt: new Date(doneAt.getTime() - (f.minutes + 30) * 60_000),
    startedAt: new Date(doneAt.getTime() - f.minutes * 60_000),
    doneAt,
  });
}
