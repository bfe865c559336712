import { type AppointmentStatus, HOLDING_STATUSES } from '@carebase/contracts';
import { and, asc, desc, eq, gt, inArray, lt, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { patients } from '../patients/patients.schema.ts';
import { rooms, services } from '../scheduling/scheduling.schema.ts';
import { users } from '../users/users.schema.ts';
import { appointmentSeries, appointments } from './appointments.schema.ts';

export type AppointmentRow = typeof appointments.$inferSelect;
export type AppointmentInsert = typeof appointments.$inferInsert;

const holding = inArray(appointments.status, [...HOLDING_STATUSES]);

/** An appointment with the names the calendar shows next to it. */
const viewColumns = {
  appointment: appointments,
  patientGivenName: patients.givenName,
  patientFamilyName: patients.familyName,
  patientMrn: patients.mrn,
  providerName: users.name,
  serviceName: services.name,
  roomName: rooms.name,
};
export type AppointmentViewRow = {
  appointment: AppointmentRow;
  patientGivenName: string;
  patientFamilyName: string;
  patientMrn: string;
  providerName: string;
  serviceName: string;
  roomName: string | null;
};

function viewQuery(db: Executor) {
  return db
    .select(viewColumns)
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(users, eq(users.id, appointments.providerId))
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .leftJoin(rooms, eq(rooms.id, appointments.roomId));
}

export async function findAppointmentView(db: Executor, id: string): Promise<AppointmentViewRow | undefined> {
  const [row] = await viewQuery(db).where(eq(appointments.id, id));
  return row;
}

export async function findAppointmentViews(db: Executor, ids: string[]): Promise<AppointmentViewRow[]> {
  if (ids.length === 0) return [];
  return viewQuery(db).where(inArray(appointments.id, ids)).orderBy(asc(appointments.startsAt));
}

export async function findAppointmentRow(db: Executor, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
  return row;
}

/** The row, locked FOR UPDATE until the caller's transaction ends. */
export async function lockAppointment(tx: Executor, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
  return row;
}

export async function insertAppointment(tx: Executor, row: AppointmentInsert): Promise<AppointmentRow> {
  const [created] = await tx.insert(appointments).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function updateAppointment(
  tx: Executor,
  id: string,
  patch: Partial<AppointmentInsert>,
): Promise<AppointmentRow> {
  const [row] = await tx
    .update(appointments)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(appointments.id, id))
    .returning();
  if (!row) throw new Error(`appointment ${id} vanished`);
  return row;
}

export type ListFilter = {
  providerId?: string | undefined;
  patientId?: string | undefined;
  roomId?: string | undefined;
  statuses?: AppointmentStatus[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  sort: 'startsAt' | 'createdAt' | 'status';
  order: 'asc' | 'desc';
  limit: number;
};

const SORT_COLUMNS = {
  startsAt: appointments.startsAt,
  createdAt: appointments.createdAt,
  status: appointments.status,
} as const;

export async function listAppointments(db: Executor, f: ListFilter): Promise<AppointmentViewRow[]> {
  const where: SQL[] = [];
  if (f.providerId) where.push(eq(appointments.providerId, f.providerId));
  if (f.patientId) where.push(eq(appointments.patientId, f.patientId));
  if (f.roomId) where.push(eq(appointments.roomId, f.roomId));
  if (f.statuses?.length) where.push(inArray(appointments.status, f.statuses));
  if (f.from) where.push(gt(appointments.endsAt, f.from));
  if (f.to) where.push(lt(appointments.startsAt, f.to));
  const dir = f.order === 'asc' ? asc : desc;
  return viewQuery(db)
    .where(and(...where))
    .orderBy(dir(SORT_COLUMNS[f.sort]), dir(appointments.startsAt), asc(appointments.id))
    .limit(f.limit);
}

export type Range = { start: Date; end: Date };

/**
 * Held ranges overlapping [from, to), oldest first: a provider's last until blocked_until (the service's
 * buffer included), a patient's until ends_at.
 */
export async function busyRanges(
  db: Executor,
  whose: { providerId: string } | { patientId: string },
  from: Date,
  to: Date,
  exceptId?: string,
): Promise<Range[]> {
  const [who, end] =
    'providerId' in whose
      ? [eq(appointments.providerId, whose.providerId), appointments.blockedUntil]
      : [eq(appointments.patientId, whose.patientId), appointments.endsAt];
  return db
    .select({ start: appointments.startsAt, end })
    .from(appointments)
    .where(
      and(
        who,
        holding,
        lt(appointments.startsAt, to),
        gt(end, from),
        exceptId ? ne(appointments.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt));
}

export async function insertSeries(tx: Executor, rrule: string, createdBy: string | null): Promise<string> {
  const [row] = await tx
    .insert(appointmentSeries)
    .values({ rrule, createdBy })
    .returning({ id: appointmentSeries.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function userName(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
  return row?.name;
}

export async function findRoom(
  db: Executor,
  id: string,
): Promise<{ id: string; name: string; active: boolean } | undefined> {
  const [row] = await db
    .select({ id: rooms.id, name: rooms.name, active: rooms.active })
    .from(rooms)
    .where(eq(rooms.id, id));
  return row;
}
