import { AVAILABILITY_MAX_DAYS, type Availability, type AvailabilityQuery } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { fieldError } from '../../platform/errors.ts';
import { workingIntervals } from '../scheduling/working-time.ts';
import { offsetMsAt } from '../scheduling/zoned-time.ts';
import { assertOffers, serviceAt } from './appointment-placement.ts';
import { actsAsPatient, assertSelfBookingEnabled } from './appointment-portal.ts';
import { freeSlots } from './appointment-slots.ts';
import { busyRanges } from './appointments.repository.ts';

const DAY = 86_400_000;

/** The clinic's wall clock at an instant: YYYY-MM-DD and HH:MM. */
export function localLabel(instant: Date, timeZone: string): { localDate: string; localTime: string } {
  const naive = new Date(instant.getTime() + offsetMsAt(instant, timeZone)).toISOString();
  return { localDate: naive.slice(0, 10), localTime: naive.slice(11, 16) };
}

/**
 * Free slots of a provider for a service in [from, to): working time minus the provider's appointments that
 * hold time (with their buffers), in steps of the service's duration from the start of each working interval.
 */
export async function availability(
  ctx: AppContext,
  principal: Principal,
  q: AvailabilityQuery,
): Promise<Availability> {
  const from = new Date(q.from);
  let to = new Date(q.to);
  if (from >= to) throw fieldError('query.to', 'must be after query.from');
  if (to.getTime() - from.getTime() > AVAILABILITY_MAX_DAYS * DAY)
    throw fieldError('query.to', `must be at most ${AVAILABILITY_MAX_DAYS} days after query.from`);
  const service = await serviceAt(ctx.db, q.service, 'query.service');
  assertOffers(service, q.provider, { service: 'query.service', provider: 'query.provider' });
  const { settings } = await ctx.settings.get(ctx.db);
  if (actsAsPatient(principal, 'read')) {
    assertSelfBookingEnabled(settings);
    if (!service.selfBookable)
      throw fieldError('query.service', 'cannot be booked online: please call the front desk');
    const limit = Date.now() + settings.appointments.selfBookingMaxDaysAhead * DAY;
    if (to.getTime() > limit) to = new Date(limit);
  }
  const timeZone = settings.timeZone;
  // Whole intervals around the range, so slots stay aligned on their real start.
  const wideFrom = new Date(from.getTime() - DAY);
  const wideTo = new Date(to.getTime() + DAY);
  const [intervals, busy] = await Promise.all([
    workingIntervals(ctx.db, { providerId: q.provider, from: wideFrom, to: wideTo, timeZone }),
    busyRanges(ctx.db, { providerId: q.provider }, wideFrom, wideTo, q.except),
  ]);
  const slots = freeSlots({
    intervals: intervals.map((i) => ({ start: i.start.getTime(), end: i.end.getTime(), roomId: i.roomId })),
    busy: busy.map((b) => ({ start: b.start.getTime(), end: b.end.getTime() })),
    durationMinutes: service.durationMinutes,
    bufferMinutes: service.bufferMinutes,
    from: from.getTime(),
    to: to.getTime(),
    now: Date.now(),
  });
  return {
    providerId: q.provider,
    serviceId: service.id,
    timeZone,
    durationMinutes: service.durationMinutes,
    bufferMinutes: service.bufferMinutes,
    slots: slots.map((s) => {
      const startsAt = new Date(s.start);
      return {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(s.end).toISOString(),
        ...localLabel(startsAt, timeZone),
        roomId: s.roomId,
      };
    }),
  };
}
