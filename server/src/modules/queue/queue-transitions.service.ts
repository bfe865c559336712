import {
  APPOINTMENT_TRANSITIONS,
  type CallNext,
  type QueueStatus,
  type QueueTicket,
  type Transfer,
  type Triage,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findAppointment, transitionAppointment } from '../appointments/appointment-status.ts';
import { createEncounter } from '../encounters/encounters.service.ts';
import { recordVitals } from '../vitals/vitals.service.ts';
import * as repo from './queue.repository.ts';
import { activeDepartment, assertProvider, clinicToday } from './queue.service.ts';
import { ticketLabel } from './queue-estimates.ts';
import { inTx, loadTicket, publishQueueChanged } from './queue-tickets.ts';

const STATUS_WORDS: Record<QueueStatus, string> = {
  waiting: 'waiting',
  called: 'called',
  in_consultation: 'in consultation',
  done: 'done',
  skipped: 'skipped',
  no_show: 'a no-show',
};

function notFrom(visit: repo.VisitRow, allowed: readonly QueueStatus[], verb: string): AppError {
  const from = allowed.map((s) => STATUS_WORDS[s]).join(' or ');
  return new AppError(
    'conflict',
    `Ticket ${visit.ticket} is ${STATUS_WORDS[visit.status]}: only a ticket that is ${from} can be ${verb}.`,
  );
}

type AppointmentTarget = 'in_consultation' | 'completed' | 'no_show';

/**
 * Moves the visit's appointment along when its state machine allows it (a checked-in appointment finished
 * without a call goes through in_consultation); otherwise it stays where it is, and the queue change still holds.
 */
async function followAppointment(
  tx: Tx,
  actor: ActorContext,
  visit: repo.VisitRow,
  to: AppointmentTarget,
): Promise<string | null> {
  if (!visit.appointmentId) return null;
  const appointment = await findAppointment(tx, visit.appointmentId);
  if (appointment.status === to) return appointment.status;
  if (to === 'completed' && appointment.status === 'checked_in')
    await transitionAppointment(tx, actor, appointment.id, 'in_consultation');
  else if (!APPOINTMENT_TRANSITIONS[appointment.status].includes(to)) return appointment.status;
  return (await transitionAppointment(tx, actor, appointment.id, to)).status;
}

type Change = {
  patch: Parameters<typeof repo.updateVisit>[2];
  details?: Record<string, unknown>;
  /** Departments whose queues this touches besides the visit's own (a transfer between departments). */
  alsoDepartment?: string;
};

/** Locks the visit, checks its state, applies the change, audits and announces it: one transaction. */
async function changeVisit(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  opts: {
    action: string;
    allowed: readonly QueueStatus[];
    verb: string;
    apply: (tx: Tx, visit: repo.VisitRow) => Promise<Change>;
  },
): Promise<QueueTicket> {
  return ctx.db.transaction(async (tx) => {
    const visit = await repo.findVisit(tx, id, { forUpdate: true });
    if (!visit) throw new AppError('not_found', `visit ${id} not found`);
    if (!opts.allowed.includes(visit.status)) throw notFrom(visit, opts.allowed, opts.verb);
    const change = await opts.apply(tx, visit);
    const updated = await repo.updateVisit(tx, id, change.patch);
    await writeAudit(tx, actor, {
      action: opts.action,
      resourceType: 'visit',
      resourceId: id,
      patientId: visit.patientId,
      details: { ticket: updated.ticket, from: visit.status, to: updated.status, ...change.details },
    });
    await publishQueueChanged(tx, updated);
    if (change.alsoDepartment && change.alsoDepartment !== updated.departmentKey)
      await publishQueueChanged(tx, { id, departmentKey: change.alsoDepartment });
    return loadTicket(tx, id);
  });
}

function encounterTypeOf(visit: repo.VisitRow): 'consultation' | 'dental' | 'emergency' {
  if (visit.priority === 'emergency') return 'emergency';
  return visit.departmentKey === 'dental' ? 'dental' : 'consultation';
}

/**
 * The caller's next patient: their own waiting tickets and the unassigned ones of the department (the one
 * named, the room's, or those of the services they offer), by priority then arrival. Calling opens a draft
 * encounter for the visit when the caller writes charts, and moves the appointment to in_consultation. With
 * `start` the consultation begins in the same transaction (one click from the queue to the encounter).
 */
export async function callNext(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  input: CallNext,
): Promise<QueueTicket> {
  const { day } = await clinicToday(ctx);
  const me = principal.userId;
  return ctx.db.transaction(async (tx) => {
    if (input.departmentKey) await activeDepartment(tx, input.departmentKey, 'body.departmentKey');
    const room = input.roomId ? await repo.findRoom(tx, input.roomId) : undefined;
    if (input.roomId && !room?.active) throw fieldError('body.roomId', 'is not an active room');
    if (room && input.departmentKey && room.departmentKey !== input.departmentKey)
      throw fieldError('body.roomId', `is not a room of the ${input.departmentKey} department`);
    const departmentKeys = input.departmentKey
      ? [input.departmentKey]
      : room
        ? [room.departmentKey]
        : await repo.departmentsOfProvider(tx, me);
    const visit = await repo.lockNextWaiting(tx, { providerId: me, departmentKeys, day });
    if (!visit) throw new AppError('not_found', 'No patient is waiting for you.');

    const roomId = room?.id ?? visit.roomId ?? (await repo.lastRoomOfProvider(tx, me, day));
    let encounterId = visit.encounterId;
    if (!encounterId && principal.permissions.includes('chart:write')) {
      const encounter = await createEncounter(inTx(ctx, tx), principal, actor, visit.patientId, {
        type: encounterTypeOf(visit),
        ...(visit.triageNote ? { chiefComplaint: visit.triageNote.slice(0, 500) } : {}),
      });
      encounterId = encounter.id;
    }
    const appointmentStatus = await followAppointment(tx, actor, visit, 'in_consultation');
    const now = new Date();
    const updated = await repo.updateVisit(tx, visit.id, {
      status: input.start ? 'in_consultation' : 'called',
      calledAt: now,
      calledBy: me,
      ...(input.start ? { startedAt: now } : {}),
      providerId: visit.providerId ?? me,
      roomId,
      encounterId,
    });
    await writeAudit(tx, actor, {
      action: 'queue.call',
      resourceType: 'visit',
      resourceId: visit.id,
      patientId: visit.patientId,
      details: { ticket: visit.ticket, roomId, encounterId, appointmentStatus },
    });
    // Seen at once: the start is its own audit event, as when it follows a separate call.
    if (input.start)
      await writeAudit(tx, actor, {
        action: 'queue.start',
        resourceType: 'visit',
        resourceId: visit.id,
        patientId: visit.patientId,
        details: { ticket: visit.ticket, from: 'called', to: 'in_consultation' },
      });
    await publishQueueChanged(tx, updated);
    return loadTicket(tx, visit.id);
  });
}

export function startConsultation(ctx: AppContext, actor: ActorContext, id: string) {
  return changeVisit(ctx, actor, id, {
    action: 'queue.start',
    allowed: ['called'],
    verb: 'started',
    apply: async () => ({ patch: { status: 'in_consultation', startedAt: new Date() } }),
  });
}

export function finishVisit(ctx: AppContext, actor: ActorContext, id: string) {
  return changeVisit(ctx, actor, id, {
    action: 'queue.done',
    allowed: ['called', 'in_consultation'],
    verb: 'finished',
    apply: async (tx, visit) => {
      const now = new Date();
      const appointmentStatus = await followAppointment(tx, actor, visit, 'completed');
      // Finished straight from "called": the consultation began when the patient was called.
      const startedAt = visit.startedAt ?? visit.calledAt ?? now;
      return { patch: { status: 'done', startedAt, doneAt: now }, details: { appointmentStatus } };
    },
  });
}

export function skipVisit(ctx: AppContext, actor: ActorContext, id: string) {
  return changeVisit(ctx, actor, id, {
    action: 'queue.skip',
    allowed: ['waiting', 'called'],
    verb: 'skipped',
    apply: async () => ({ patch: { status: 'skipped' } }),
  });
}

/** A skipped patient came back: waiting again, in their original place (the arrival time is kept). */
export function requeueVisit(ctx: AppContext, actor: ActorContext, id: string) {
  return changeVisit(ctx, actor, id, {
    action: 'queue.requeue',
    allowed: ['skipped'],
    verb: 'put back in the queue',
    apply: async () => ({ patch: { status: 'waiting', calledAt: null, calledBy: null } }),
  });
}

export function markNoShow(ctx: AppContext, actor: ActorContext, id: string) {
  return changeVisit(ctx, actor, id, {
    action: 'queue.no_show',
    allowed: ['waiting', 'called', 'skipped'],
    verb: 'marked as a no-show',
    apply: async (tx, visit) => ({
      patch: { status: 'no_show' },
      details: { appointmentStatus: await followAppointment(tx, actor, visit, 'no_show') },
    }),
  });
}

/**
 * Back to waiting for another provider (and, when named, another department, with a new ticket there), keeping
 * the arrival time. The encounter the previous provider opened stays theirs: the new provider's call opens one.
 */
export function transferVisit(ctx: AppContext, actor: ActorContext, id: string, input: Transfer) {
  return changeVisit(ctx, actor, id, {
    action: 'queue.transfer',
    allowed: ['waiting', 'called', 'in_consultation', 'skipped'],
    verb: 'transferred',
    apply: async (tx, visit) => {
      await assertProvider(tx, input.providerId, 'body.providerId');
      const moving = input.departmentKey && input.departmentKey !== visit.departmentKey;
      let ticket = {};
      if (moving && input.departmentKey) {
        const department = await activeDepartment(tx, input.departmentKey, 'body.departmentKey');
        const ticketNumber = await repo.nextTicketNumber(tx, department.key, visit.day);
        ticket = {
          departmentKey: department.key,
          ticketNumber,
          ticket: ticketLabel(department.ticketPrefix, ticketNumber),
        };
      }
      return {
        patch: {
          ...ticket,
          status: 'waiting',
          providerId: input.providerId,
          roomId: null,
          calledAt: null,
          calledBy: null,
          startedAt: null,
          encounterId: null,
        },
        details: {
          fromProviderId: visit.providerId,
          toProviderId: input.providerId,
          fromDepartment: visit.departmentKey,
          previousTicket: moving ? visit.ticket : undefined,
          encounterId: visit.encounterId,
        },
        alsoDepartment: visit.departmentKey,
      };
    },
  });
}

/** A nurse's triage: priority, a note, and vitals recorded in the patient's record (same transaction). */
export function triageVisit(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
  input: Triage,
) {
  return changeVisit(ctx, actor, id, {
    action: 'queue.triage',
    allowed: ['waiting', 'called', 'in_consultation', 'skipped'],
    verb: 'triaged',
    apply: async (tx, visit) => {
      const vitals = input.vitals
        ? await recordVitals(inTx(ctx, tx), principal, actor, visit.patientId, input.vitals)
        : null;
      return {
        patch: {
          ...(input.priority ? { priority: input.priority } : {}),
          ...(input.priorityReason !== undefined ? { priorityReason: input.priorityReason || null } : {}),
          ...(input.note !== undefined ? { triageNote: input.note || null } : {}),
          triagedBy: actor.actorId,
        },
        details: {
          priority: input.priority ?? visit.priority,
          noteChanged: input.note !== undefined,
          vitalsId: vitals?.id ?? null,
        },
      };
    },
  });
}
