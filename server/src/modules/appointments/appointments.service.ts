import type {
  Appointment,
  AppointmentListQuery,
  BookAppointment,
  RescheduleAppointment,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findPatientRef, openPatientRecord } from '../patients/patient-access.ts';
import { publishAppointmentChanged } from './appointment-events.ts';
import {
  assertOffers,
  assertRoom,
  insertOrConflict,
  isOfferedSlot,
  lockBookings,
  notWorkingConflict,
  overlapConflict,
  serviceAt,
  timesOf,
  workingIntervalHolding,
} from './appointment-placement.ts';
import {
  actsAsPatient,
  assertBeforeCutoff,
  assertSelfBookingEnabled,
  assertWithinMaxDaysAhead,
  ownPatientId,
} from './appointment-portal.ts';
import { planReminders } from './appointment-reminders.ts';
import {
  applyTransition,
  findAppointment,
  lockAppointmentOr404,
  transitionRefused,
} from './appointment-status.ts';
import { toAppointment } from './appointments.mapper.ts';
import * as repo from './appointments.repository.ts';

/** Staff may not book in the past; a minute of slack covers a form submitted on the hour. */
const PAST_SLACK_MS = 60_000;

function assertNotPast(startsAt: Date, path: string): void {
  if (startsAt.getTime() < Date.now() - PAST_SLACK_MS) throw fieldError(path, 'is in the past');
}

async function providerNameOf(db: Executor, providerId: string): Promise<string> {
  return (await repo.userName(db, providerId)) ?? 'The provider';
}

/** A patient reaching another patient's appointment learns nothing: 404. Returns the own patient id. */
async function assertOwnAppointment(db: Executor, principal: Principal, patientId: string): Promise<void> {
  const own = await ownPatientId(db, principal);
  if (own !== patientId) throw new AppError('not_found', 'appointment not found');
}

export async function listAppointments(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  q: AppointmentListQuery,
): Promise<{ items: Appointment[]; truncated: boolean }> {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) throw fieldError('query.to', 'must be after query.from');
  const patientId = actsAsPatient(principal, 'read')
    ? await ownPatientId(ctx.db, principal, q.patient)
    : q.patient;
  if (patientId) await openPatientRecord(ctx.db, principal, actor, patientId, 'demographics', 'appointments');
  const rows = await repo.listAppointments(ctx.db, {
    providerId: q.provider,
    patientId,
    roomId: q.room,
    statuses: q.status,
    from,
    to,
    sort: q.sort,
    order: q.order,
    limit: q.limit + 1,
  });
  const truncated = rows.length > q.limit;
  const items = (truncated ? rows.slice(0, q.limit) : rows).map(toAppointment);
  if (!patientId) {
    // A calendar shows many patients' names: one event records who looked at which range.
    await writeReadAudit(ctx.db, actor, {
      action: 'appointment.list',
      resourceType: 'appointment',
      details: {
        provider: q.provider ?? null,
        room: q.room ?? null,
        status: q.status ?? null,
        from: q.from ?? null,
        to: q.to ?? null,
        count: items.length,
      },
    });
  }
  return { items, truncated };
}

export async function getAppointment(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
): Promise<Appointment> {
  const appointment = await findAppointment(ctx.db, id);
  if (actsAsPatient(principal, 'read')) await assertOwnAppointment(ctx.db, principal, appointment.patientId);
  await writeReadAudit(ctx.db, actor, {
    action: 'appointment.read',
    resourceType: 'appointment',
    resourceId: id,
    patientId: appointment.patientId,
  });
  return appointment;
}

export async function bookAppointment(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  input: BookAppointment,
): Promise<Appointment> {
  const { settings } = await ctx.settings.get(ctx.db);
  const portal = actsAsPatient(principal, 'write');
  const startsAt = new Date(input.startsAt);
  assertNotPast(startsAt, 'body.startsAt');
  let patientId: string;
  if (portal) {
    assertSelfBookingEnabled(settings);
    if (input.outsideHours) throw new AppError('forbidden', 'Only staff may book outside working hours.');
    if (input.roomId !== undefined) throw fieldError('body.roomId', 'is chosen by the clinic');
    patientId = await ownPatientId(ctx.db, principal, input.patientId);
    assertWithinMaxDaysAhead(startsAt, settings, 'body.startsAt');
  } else {
    if (!input.patientId) throw fieldError('body.patientId', 'is required');
    patientId = input.patientId;
  }
  const service = await serviceAt(ctx.db, input.serviceId, 'body.serviceId');
  if (portal && !service.selfBookable)
    throw fieldError('body.serviceId', 'cannot be booked online: please call the front desk');
  assertOffers(service, input.providerId);
  const notes = input.notes ?? '';
  if (input.outsideHours && !notes)
    throw fieldError('body.notes', 'must give the reason for booking outside working hours');
  const times = timesOf(service, startsAt);

  return ctx.db.transaction(async (tx) => {
    const patient = await findPatientRef(tx, patientId, { lock: true });
    if (patient.mergedIntoId)
      throw new AppError(
        'conflict',
        `This record was merged into another (${patient.mergedIntoId}); book there.`,
      );
    const providerName = await providerNameOf(tx, input.providerId);
    const interval = await workingIntervalHolding(tx, input.providerId, times, settings.timeZone);
    if (!interval && !input.outsideHours) throw notWorkingConflict(providerName);
    if (portal && interval && !isOfferedSlot(interval, startsAt, service.durationMinutes))
      throw new AppError(
        'conflict',
        'That time is not one of the offered slots: pick a free slot from the list.',
      );
    const roomId = input.roomId !== undefined ? input.roomId : (interval?.roomId ?? null);
    if (input.roomId) await assertRoom(tx, input.roomId, 'body.roomId');
    const row = await insertOrConflict(
      tx,
      {
        patientId,
        providerId: input.providerId,
        serviceId: service.id,
        roomId,
        ...times,
        notes,
        bookedVia: portal ? 'portal' : 'staff',
        bookedBy: actor.actorId,
      },
      providerName,
    );
    const reminders = await planReminders(tx, row, settings);
    await writeAudit(tx, actor, {
      action: 'appointment.book',
      resourceType: 'appointment',
      resourceId: row.id,
      patientId,
      details: {
        providerId: row.providerId,
        serviceId: row.serviceId,
        roomId: row.roomId,
        startsAt: row.startsAt.toISOString(),
        bookedVia: row.bookedVia,
        outsideHours: !interval,
        reminders,
      },
    });
    await publishAppointmentChanged(tx, row);
    return findAppointment(tx, row.id);
  });
}

export async function rescheduleAppointment(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
  patch: RescheduleAppointment,
): Promise<Appointment> {
  const { settings } = await ctx.settings.get(ctx.db);
  const portal = actsAsPatient(principal, 'write');
  if (portal) {
    assertSelfBookingEnabled(settings);
    if (patch.outsideHours) throw new AppError('forbidden', 'Only staff may book outside working hours.');
    if (patch.roomId !== undefined) throw fieldError('body.roomId', 'is chosen by the clinic');
  }
  const newStart = patch.startsAt ? new Date(patch.startsAt) : undefined;
  if (newStart) assertNotPast(newStart, 'body.startsAt');

  return ctx.db.transaction(async (tx) => {
    const row = await lockAppointmentOr404(tx, id);
    if (portal) {
      await assertOwnAppointment(tx, principal, row.patientId);
      assertBeforeCutoff(row.startsAt, settings, 'move');
    }
    if (row.status !== 'booked')
      throw new AppError('conflict', `Cannot move this appointment: its status is ${row.status}.`);
    const startsAt = newStart ?? row.startsAt;
    const providerId = patch.providerId ?? row.providerId;
    const service = await serviceAt(tx, row.serviceId, 'body.serviceId');
    if (providerId !== row.providerId) assertOffers(service, providerId);
    if (portal) assertWithinMaxDaysAhead(startsAt, settings, 'body.startsAt');
    const notes = patch.notes ?? row.notes;
    if (patch.outsideHours && !notes)
      throw fieldError('body.notes', 'must give the reason for booking outside working hours');
    const times = timesOf(service, startsAt);
    const moved = startsAt.getTime() !== row.startsAt.getTime() || providerId !== row.providerId;
    const providerName = await providerNameOf(tx, providerId);
    const interval = moved
      ? await workingIntervalHolding(tx, providerId, times, settings.timeZone)
      : undefined;
    if (moved && !interval && !patch.outsideHours) throw notWorkingConflict(providerName);
    if (portal && interval && !isOfferedSlot(interval, startsAt, service.durationMinutes))
      throw new AppError(
        'conflict',
        'That time is not one of the offered slots: pick a free slot from the list.',
      );
    // A new provider works in their own room; a new time keeps the room unless the hours then name one.
    const roomId =
      patch.roomId !== undefined
        ? patch.roomId
        : providerId !== row.providerId
          ? (interval?.roomId ?? null)
          : (interval?.roomId ?? row.roomId);
    if (patch.roomId) await assertRoom(tx, patch.roomId, 'body.roomId');
    let updated: repo.AppointmentRow;
    try {
      await lockBookings(tx, { patientId: row.patientId, providerId });
      updated = await repo.updateAppointment(tx, id, { providerId, roomId, notes, ...times });
    } catch (err) {
      throw overlapConflict(err, providerName);
    }
    const reminders =
      startsAt.getTime() !== row.startsAt.getTime() ? await planReminders(tx, updated, settings) : null;
    await writeAudit(tx, actor, {
      action: 'appointment.reschedule',
      resourceType: 'appointment',
      resourceId: id,
      patientId: row.patientId,
      details: {
        from: { startsAt: row.startsAt.toISOString(), providerId: row.providerId, roomId: row.roomId },
        to: { startsAt: updated.startsAt.toISOString(), providerId, roomId },
        outsideHours: moved && !interval,
        via: portal ? 'portal' : 'staff',
        reminders,
      },
    });
    await publishAppointmentChanged(tx, updated);
    return findAppointment(tx, id);
  });
}

export async function cancelAppointment(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
  reason: string,
): Promise<Appointment> {
  const { settings } = await ctx.settings.get(ctx.db);
  const portal = actsAsPatient(principal, 'write');
  if (portal) assertSelfBookingEnabled(settings);
  return ctx.db.transaction(async (tx) => {
    const row = await lockAppointmentOr404(tx, id);
    if (portal) {
      await assertOwnAppointment(tx, principal, row.patientId);
      if (row.status !== 'booked') throw transitionRefused(row.status, 'cancelled');
      assertBeforeCutoff(row.startsAt, settings, 'cancel');
    }
    await applyTransition(
      tx,
      actor,
      row,
      'cancelled',
      { cancelReason: reason, cancelledBy: actor.actorId },
      {
        reason,
        via: portal ? 'portal' : 'staff',
      },
    );
    return findAppointment(tx, id);
  });
}

/** Staff: the patient did not come. Only once the appointment has started. */
export async function markNoShow(ctx: AppContext, actor: ActorContext, id: string): Promise<Appointment> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockAppointmentOr404(tx, id);
    if (row.status === 'booked' && row.startsAt.getTime() > Date.now())
      throw new AppError('conflict', 'The appointment has not started yet: it cannot be a no-show.');
    await applyTransition(tx, actor, row, 'no_show');
    return findAppointment(tx, id);
  });
}

export async function completeAppointment(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
): Promise<Appointment> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockAppointmentOr404(tx, id);
    await applyTransition(tx, actor, row, 'completed');
    return findAppointment(tx, id);
  });
}
