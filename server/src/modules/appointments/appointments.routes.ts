import {
  AppointmentListQuerySchema,
  AppointmentListSchema,
  AppointmentSchema,
  AvailabilityQuerySchema,
  AvailabilitySchema,
  BookAppointmentSchema,
  BookSeriesSchema,
  CancelAppointmentSchema,
  IdParamsSchema,
  RescheduleAppointmentSchema,
  SelfBookingRulesSchema,
  SeriesBookedSchema,
  SeriesPreviewSchema,
  SeriesRequestSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { bookSeries, previewSeries } from './appointment-series.service.ts';
import * as service from './appointments.service.ts';
import { availability } from './availability.service.ts';

const tags = ['appointments'];
const READ = ['appointments:read', 'portal:self'] as const;
const WRITE = ['appointments:write', 'portal:self'] as const;

export function appointmentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/availability', {
      config: { access: READ },
      schema: {
        tags,
        summary:
          "Free slots of a provider for a service (at most 31 days), in UTC with the clinic's local date and time",
        querystring: AvailabilityQuerySchema,
        response: { 200: AvailabilitySchema },
      },
      handler: async (req) => availability(ctx, principalOf(req), req.query),
    });
    app.get('/appointments/self-booking', {
      config: { access: READ },
      schema: {
        tags,
        summary: "The clinic's rules for patients booking themselves in the portal",
        response: { 200: SelfBookingRulesSchema },
      },
      handler: async () => {
        const { settings } = await ctx.settings.get(ctx.db);
        const a = settings.appointments;
        return {
          enabled: a.selfBookingEnabled,
          maxDaysAhead: a.selfBookingMaxDaysAhead,
          cancelCutoffHours: a.selfBookingCancelCutoffHours,
          timeZone: settings.timeZone,
        };
      },
    });
    app.get('/appointments', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Appointments overlapping a range, for calendars and lists (a patient sees only their own)',
        querystring: AppointmentListQuerySchema,
        response: { 200: AppointmentListSchema },
      },
      handler: async (req) => service.listAppointments(ctx, principalOf(req), actorOf(req), req.query),
    });
    app.get('/appointments/:id', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'One appointment',
        params: IdParamsSchema,
        response: { 200: AppointmentSchema },
      },
      handler: async (req) => service.getAppointment(ctx, principalOf(req), actorOf(req), req.params.id),
    });
    app.post('/appointments', {
      config: { access: WRITE },
      schema: {
        tags,
        summary:
          'Book: the end is the start plus the service duration; inside working time unless staff give ' +
          'outsideHours with a reason in notes; overlaps for the provider or the patient are refused (409)',
        body: BookAppointmentSchema,
        response: { 201: AppointmentSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.bookAppointment(ctx, principalOf(req), actorOf(req), req.body)),
    });
    app.patch('/appointments/:id', {
      config: { access: WRITE },
      schema: {
        tags,
        summary: 'Reschedule a booked appointment (time, provider, room); reminders are planned again',
        params: IdParamsSchema,
        body: RescheduleAppointmentSchema,
        response: { 200: AppointmentSchema },
      },
      handler: async (req) =>
        service.rescheduleAppointment(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
    });
    app.post('/appointments/:id/cancel', {
      config: { access: WRITE },
      schema: {
        tags,
        summary: 'Cancel a booked appointment with a reason; its pending reminders are cancelled',
        params: IdParamsSchema,
        body: CancelAppointmentSchema,
        response: { 200: AppointmentSchema },
      },
      handler: async (req) =>
        service.cancelAppointment(ctx, principalOf(req), actorOf(req), req.params.id, req.body.reason),
    });
    const transitions = [
      ['no-show', 'The patient did not come (once the appointment has started)', service.markNoShow],
      ['complete', 'Complete an appointment in consultation', service.completeAppointment],
    ] as const;
    for (const [path, summary, change] of transitions) {
      app.post(`/appointments/:id/${path}`, {
        config: { access: 'appointments:write' },
        schema: { tags, summary, params: IdParamsSchema, response: { 200: AppointmentSchema } },
        handler: async (req) => change(ctx, actorOf(req), req.params.id),
      });
    }
    app.post('/appointments/series/preview', {
      config: { access: 'appointments:write' },
      schema: {
        tags,
        summary: 'The occurrences of a recurring booking, each with its conflict if any; nothing is booked',
        body: SeriesRequestSchema,
        response: { 200: SeriesPreviewSchema },
      },
      handler: async (req) => previewSeries(ctx, req.body),
    });
    app.post('/appointments/series', {
      config: { access: 'appointments:write' },
      schema: {
        tags,
        summary: 'Book a recurring series: all or nothing, or with skipConflicts the free occurrences only',
        body: BookSeriesSchema,
        response: { 201: SeriesBookedSchema },
      },
      handler: async (req, reply) => reply.status(201).send(await bookSeries(ctx, actorOf(req), req.body)),
    });
  };
}
