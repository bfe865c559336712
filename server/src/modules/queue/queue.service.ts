import {
  type CheckIn,
  type Patient,
  QUEUE_LIST_LIMIT,
  type Queue,
  type QueueDepartment,
  type QueueProvider,
  type QueueQuery,
  type QueueTicket,
  type WalkIn,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import {
  type ActorContext,
  patientIdsOf,
  writeAudit,
  writeReadAudit,
} from '../../platform/audit/audit.writer.ts';
import { type Executor, type Tx, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findAppointment, transitionAppointment } from '../appointments/appointment-status.ts';
import { findPatientRef } from '../patients/patient-access.ts';
import { createPatient } from '../patients/patients.service.ts';
import { localDateOf } from '../scheduling/zoned-time.ts';
import * as repo from './queue.repository.ts';
import { ticketLabel } from './queue-estimates.ts';
import { inTx, loadTicket, publishQueueChanged, toTickets } from './queue-tickets.ts';

/** Today's date in the clinic's time zone: tickets are numbered per department per local day. */
export async function clinicToday(
  ctx: Pick<AppContext, 'settings' | 'db'>,
  now = new Date(),
): Promise<{ day: string; timeZone: string }> {
  const { settings } = await ctx.settings.get(ctx.db);
  return { day: localDateOf(now, settings.timeZone), timeZone: settings.timeZone };
}

export async function activeDepartment(
  db: Executor,
  key: string,
  field: string,
): Promise<repo.DepartmentRow> {
  const department = await repo.findDepartment(db, key);
  if (!department?.active) throw fieldError(field, 'is not an active department');
  return department;
}

export async function assertProvider(db: Executor, userId: string, field: string): Promise<void> {
  if (!(await repo.isQueueProvider(db, userId)))
    throw fieldError(field, 'is not an active provider (a user whose role has queue:call)');
}

/**
 * A new visit in `department` with its ticket, the next number of the department's day (taken inside the
 * caller's transaction), and the priority given at the desk.
 */
async function insertTicketedVisit(
  tx: Tx,
  actor: ActorContext,
  department: repo.DepartmentRow,
  day: string,
  visit: Pick<repo.NewVisit, 'patientId' | 'providerId' | 'appointmentId' | 'roomId' | 'kind'> &
    Pick<CheckIn, 'priority' | 'priorityReason'>,
): Promise<repo.VisitRow> {
  const ticketNumber = await repo.nextTicketNumber(tx, department.key, day);
  return repo.insertVisit(tx, {
    ...visit,
    departmentKey: department.key,
    day,
    ticketNumber,
    ticket: ticketLabel(department.ticketPrefix, ticketNumber),
    priorityReason: visit.priorityReason || null,
    createdBy: actor.actorId,
  });
}

/** Two check-ins of one appointment raced past the status check: the same answer the check gives. */
function checkInRace(err: unknown): never {
  if (uniqueViolation(err) === 'visits_appointment_id_unique')
    throw new AppError('conflict', 'This appointment is already checked in.');
  throw err;
}

export async function checkIn(ctx: AppContext, actor: ActorContext, input: CheckIn): Promise<QueueTicket> {
  const { day, timeZone } = await clinicToday(ctx);
  return ctx.db
    .transaction(async (tx) => {
      const appointment = await findAppointment(tx, input.appointmentId);
      const appointmentDay = localDateOf(new Date(appointment.startsAt), timeZone);
      if (appointmentDay !== day)
        throw new AppError(
          'conflict',
          `This appointment is on ${appointmentDay}; only today's appointments (${day}) can be checked in.`,
        );
      const departmentKey = await repo.departmentOfService(tx, appointment.serviceId);
      const department = departmentKey ? await repo.findDepartment(tx, departmentKey) : undefined;
      if (!department?.active)
        throw new AppError('conflict', "The appointment's service belongs to no active department.");
      // Locks the appointment and refuses anything but booked → checked_in (a second check-in gets 409).
      await transitionAppointment(tx, actor, appointment.id, 'checked_in');
      const visit = await insertTicketedVisit(tx, actor, department, day, {
        patientId: appointment.patientId,
        appointmentId: appointment.id,
        providerId: appointment.providerId,
        roomId: appointment.roomId,
        priority: input.priority,
        priorityReason: input.priorityReason,
        kind: 'appointment',
      });
      await writeAudit(tx, actor, {
        action: 'queue.check_in',
        resourceType: 'visit',
        resourceId: visit.id,
        patientId: visit.patientId,
        details: { ticket: visit.ticket, appointmentId: appointment.id, priority: visit.priority },
      });
      await publishQueueChanged(tx, visit);
      return loadTicket(tx, visit.id);
    })
    .catch(checkInRace);
}

/** Field paths of the quick registration sit under body.newPatient. */
function underNewPatient(err: unknown): never {
  if (err instanceof AppError && err.fields) {
    const fields = err.fields.map((f) => ({ ...f, path: f.path.replace(/^body\./, 'body.newPatient.') }));
    throw new AppError(err.code, fields.map((f) => `${f.path} ${f.message}`).join('; '), { fields });
  }
  throw err;
}

async function registerWalkIn(ctx: AppContext, tx: Tx, actor: ActorContext, input: WalkIn): Promise<Patient> {
  const p = input.newPatient;
  if (!p) throw new Error('no new patient');
  return createPatient(inTx(ctx, tx), actor, {
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate,
    sex: p.sex,
    phone: p.phone ?? null,
    identifiers: [],
    address: {},
    emergencyContacts: [],
    allergies: [],
    conditions: [],
    confirmDuplicate: p.confirmDuplicate,
  }).catch(underNewPatient);
}

export async function walkIn(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  input: WalkIn,
): Promise<QueueTicket> {
  if (input.newPatient && !principal.permissions.includes('patients:write'))
    throw new AppError('forbidden', 'Registering a new patient needs the patients:write permission.');
  const { day } = await clinicToday(ctx);
  return ctx.db.transaction(async (tx) => {
    const department = await activeDepartment(tx, input.departmentKey, 'body.departmentKey');
    if (input.providerId) await assertProvider(tx, input.providerId, 'body.providerId');
    let patientId: string;
    if (input.patientId) {
      const patient = await findPatientRef(tx, input.patientId, { lock: true }).catch(() => {
        throw fieldError('body.patientId', 'is not an existing patient');
      });
      if (patient.mergedIntoId)
        throw new AppError(
          'conflict',
          `This record was merged into another (${patient.mergedIntoId}); use that one.`,
        );
      patientId = patient.id;
    } else {
      patientId = (await registerWalkIn(ctx, tx, actor, input)).id;
    }
    const visit = await insertTicketedVisit(tx, actor, department, day, {
      patientId,
      providerId: input.providerId ?? null,
      priority: input.priority,
      priorityReason: input.priorityReason,
      kind: 'walk_in',
    });
    await writeAudit(tx, actor, {
      action: 'queue.walk_in',
      resourceType: 'visit',
      resourceId: visit.id,
      patientId,
      details: {
        ticket: visit.ticket,
        priority: visit.priority,
        providerId: visit.providerId,
        registered: Boolean(input.newPatient),
      },
    });
    await publishQueueChanged(tx, visit);
    return loadTicket(tx, visit.id);
  });
}

/** The queue of a day; reading it shows patients' names, so each request is audited once. */
export async function listQueue(ctx: AppContext, actor: ActorContext, q: QueueQuery): Promise<Queue> {
  const day = q.day ?? (await clinicToday(ctx)).day;
  const rows = await repo.queueRows(ctx.db, {
    day,
    departmentKey: q.department,
    providerId: q.provider,
    encounterId: q.encounter,
    limit: QUEUE_LIST_LIMIT + 1,
  });
  // A ticket's department exists (a foreign key): only an empty answer needs the check.
  if (q.department && rows.length === 0 && !(await repo.findDepartment(ctx.db, q.department)))
    throw fieldError('query.department', 'is not a department');
  const truncated = rows.length > QUEUE_LIST_LIMIT;
  const items = await toTickets(ctx.db, rows.slice(0, QUEUE_LIST_LIMIT), new Date());
  await writeReadAudit(ctx.db, actor, {
    action: 'queue.read',
    resourceType: 'queue',
    resourceId: q.department ?? null,
    details: {
      day,
      department: q.department ?? null,
      provider: q.provider ?? null,
      encounter: q.encounter ?? null,
      patientIds: patientIdsOf(items),
    },
  });
  return { day, items, truncated };
}

export async function listDepartments(db: Executor): Promise<{ items: QueueDepartment[] }> {
  const departments = await repo.activeDepartments(db);
  const rooms = await repo.activeRooms(db);
  return {
    items: departments.map((d) => ({
      key: d.key,
      name: d.name,
      ticketPrefix: d.ticketPrefix,
      rooms: rooms
        .filter((r) => r.departmentKey === d.key)
        .map((r) => ({ id: r.id, name: r.name, departmentKey: r.departmentKey })),
    })),
  };
}

export async function listProviders(db: Executor): Promise<{ items: QueueProvider[] }> {
  return { items: await repo.queueProviders(db) };
}
