import type {
  BookSeries,
  SeriesBooked,
  SeriesOccurrence,
  SeriesPreview,
  SeriesRequest,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findPatientRef } from '../patients/patient-access.ts';
import type { ServiceInfo } from '../scheduling/working-time.ts';
import { zonedToUtc } from '../scheduling/zoned-time.ts';
import { publishAppointmentChanged } from './appointment-events.ts';
import {
  assertOffers,
  assertRoom,
  insertOrConflict,
  serviceAt,
  type Times,
  timesOf,
  workingIntervalHolding,
} from './appointment-placement.ts';
import { planReminders } from './appointment-reminders.ts';
import { findAppointment } from './appointment-status.ts';
import { busyRanges, insertSeries, userName } from './appointments.repository.ts';
import { localLabel } from './availability.service.ts';
import { expandRrule, parseRrule, RruleError } from './series-rrule.ts';

type Planned = Times & { occurrence: SeriesOccurrence; roomId: string | null };

type Plan = { service: ServiceInfo; providerName: string; timeZone: string; planned: Planned[] };

/** The occurrences of the series, each checked against working time and both parties' appointments. */
async function planSeries(db: Executor, input: SeriesRequest, timeZone: string): Promise<Plan> {
  let dates: string[];
  const first = new Date(input.startsAt);
  const { localDate, localTime } = localLabel(first, timeZone);
  const minutes = Number(localTime.slice(0, 2)) * 60 + Number(localTime.slice(3, 5));
  const startOf = (date: string) => (date === localDate ? first : zonedToUtc(date, minutes, timeZone));
  try {
    dates = expandRrule(parseRrule(input.rrule), localDate, startOf);
  } catch (err) {
    if (err instanceof RruleError) throw fieldError('body.rrule', err.message);
    throw err;
  }
  const service = await serviceAt(db, input.serviceId, 'body.serviceId');
  assertOffers(service, input.providerId);
  await findPatientRef(db, input.patientId);
  if (input.outsideHours && !input.notes)
    throw fieldError('body.notes', 'must give the reason for booking outside working hours');
  if (input.roomId) await assertRoom(db, input.roomId, 'body.roomId');
  const providerName = (await userName(db, input.providerId)) ?? 'The provider';
  const planned: Planned[] = [];
  for (const date of dates) {
    const times = timesOf(service, startOf(date));
    const interval = await workingIntervalHolding(db, input.providerId, times, timeZone);
    const conflict = await conflictOf(db, input, times, interval !== undefined, providerName);
    planned.push({
      ...times,
      roomId: input.roomId !== undefined ? input.roomId : (interval?.roomId ?? null),
      occurrence: {
        startsAt: times.startsAt.toISOString(),
        endsAt: times.endsAt.toISOString(),
        ...localLabel(times.startsAt, timeZone),
        conflict,
      },
    });
  }
  return { service, providerName, timeZone, planned };
}

async function conflictOf(
  db: Executor,
  input: SeriesRequest,
  times: Times,
  inWorkingTime: boolean,
  providerName: string,
): Promise<SeriesOccurrence['conflict']> {
  if (times.startsAt.getTime() < Date.now()) return { kind: 'past', message: 'This time has passed.' };
  if (!inWorkingTime && !input.outsideHours)
    return { kind: 'outside_hours', message: `${providerName} is not working then.` };
  const providerBusy = await busyRanges(
    db,
    { providerId: input.providerId },
    times.startsAt,
    times.blockedUntil,
  );
  if (providerBusy.length)
    return { kind: 'provider_busy', message: `${providerName} already has an appointment at that time.` };
  const patientBusy = await busyRanges(db, { patientId: input.patientId }, times.startsAt, times.endsAt);
  if (patientBusy.length)
    return { kind: 'patient_busy', message: 'The patient already has an appointment then.' };
  return null;
}

export async function previewSeries(ctx: AppContext, input: SeriesRequest): Promise<SeriesPreview> {
  const { settings } = await ctx.settings.get(ctx.db);
  const plan = await planSeries(ctx.db, input, settings.timeZone);
  const occurrences = plan.planned.map((p) => p.occurrence);
  return {
    timeZone: plan.timeZone,
    occurrences,
    conflicts: occurrences.filter((o) => o.conflict).length,
  };
}

/**
 * Books every occurrence in one transaction: all or nothing (409 listing the first conflict), or with
 * skipConflicts only the free ones. An occurrence lost to a concurrent booking is skipped too (savepoint).
 */
export async function bookSeries(
  ctx: AppContext,
  actor: ActorContext,
  input: BookSeries,
): Promise<SeriesBooked> {
  const { settings } = await ctx.settings.get(ctx.db);
  const { skipConflicts, ...request } = input;
  return ctx.db.transaction(async (tx) => {
    const patient = await findPatientRef(tx, input.patientId, { lock: true });
    if (patient.mergedIntoId)
      throw new AppError(
        'conflict',
        `This record was merged into another (${patient.mergedIntoId}); book there.`,
      );
    const plan = await planSeries(tx, request, settings.timeZone);
    const conflicting = plan.planned.filter((p) => p.occurrence.conflict);
    const first = conflicting[0]?.occurrence;
    if (first && !skipConflicts) {
      throw new AppError(
        'conflict',
        `${conflicting.length} of ${plan.planned.length} occurrences conflict; the first, ${first.localDate} ` +
          `${first.localTime}: ${first.conflict?.message} Preview the series, or book with skipConflicts.`,
      );
    }
    const seriesId = await insertSeries(tx, request.rrule, actor.actorId);
    const booked: string[] = [];
    const skipped: SeriesOccurrence[] = conflicting.map((p) => p.occurrence);
    for (const p of plan.planned.filter((x) => !x.occurrence.conflict)) {
      const values = {
        patientId: input.patientId,
        providerId: input.providerId,
        serviceId: plan.service.id,
        roomId: p.roomId,
        seriesId,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        blockedUntil: p.blockedUntil,
        notes: input.notes ?? '',
        bookedVia: 'staff' as const,
        bookedBy: actor.actorId,
      };
      try {
        const row = skipConflicts
          ? await tx.transaction((sp) => insertOrConflict(sp, values, plan.providerName))
          : await insertOrConflict(tx, values, plan.providerName);
        booked.push(row.id);
        await planReminders(tx, row, settings);
        await writeAudit(tx, actor, {
          action: 'appointment.book',
          resourceType: 'appointment',
          resourceId: row.id,
          patientId: row.patientId,
          details: {
            providerId: row.providerId,
            serviceId: row.serviceId,
            roomId: row.roomId,
            startsAt: row.startsAt.toISOString(),
            bookedVia: 'staff',
            seriesId,
          },
        });
        await publishAppointmentChanged(tx, row);
      } catch (err) {
        if (!skipConflicts || !(err instanceof AppError && err.code === 'conflict')) throw err;
        const kind = err.message.startsWith('The patient') ? 'patient_busy' : 'provider_busy';
        skipped.push({ ...p.occurrence, conflict: { kind, message: err.message } });
      }
    }
    if (booked.length === 0)
      throw new AppError('conflict', 'No occurrence of the series is free; nothing was booked.');
    await writeAudit(tx, actor, {
      action: 'appointment_series.create',
      resourceType: 'appointment_series',
      resourceId: seriesId,
      patientId: input.patientId,
      details: { rrule: request.rrule, booked: booked.length, skipped: skipped.length },
    });
    const appointments = [];
    for (const id of booked) appointments.push(await findAppointment(tx, id));
    return { seriesId, appointments, skipped };
  });
}
