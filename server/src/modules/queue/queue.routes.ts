import {
  CallNextSchema,
  CheckInSchema,
  QueueDepartmentsSchema,
  QueueProvidersSchema,
  QueueQuerySchema,
  QueueSchema,
  QueueTicketSchema,
  TransferSchema,
  TriageSchema,
  VisitParamsSchema,
  WalkInSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as service from './queue.service.ts';
import * as transitions from './queue-transitions.service.ts';

const tags = ['queue'];
const ticket = { 200: QueueTicketSchema };

/** /api/queue: check-in, walk-ins, the live queue and its transitions. */
export function queueRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { access: 'queue:read' },
      schema: {
        tags,
        summary: "A day's tickets (today by default) with waits and estimated waits; the read is audited",
        querystring: QueueQuerySchema,
        response: { 200: QueueSchema },
      },
      handler: async (req) => service.listQueue(ctx, actorOf(req), req.query),
    });
    app.get('/departments', {
      config: { access: ['queue:read', 'displays:manage'] },
      schema: {
        tags,
        summary: 'Active departments with their rooms',
        response: { 200: QueueDepartmentsSchema },
      },
      handler: async () => service.listDepartments(ctx.db),
    });
    app.get('/providers', {
      config: { access: 'queue:read' },
      schema: {
        tags,
        summary: 'Active users who can call patients (walk-in and transfer targets)',
        response: { 200: QueueProvidersSchema },
      },
      handler: async () => service.listProviders(ctx.db),
    });
    app.post('/check-in', {
      config: { access: 'queue:write' },
      schema: {
        tags,
        summary:
          "Check in today's booked appointment: a ticket in its service's department (409 if done twice)",
        body: CheckInSchema,
        response: { 201: QueueTicketSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.checkIn(ctx, actorOf(req), req.body)),
    });
    app.post('/walk-in', {
      config: { access: 'queue:write' },
      schema: {
        tags,
        summary: 'A walk-in (existing patient, or quick registration) gets a ticket in a department',
        body: WalkInSchema,
        response: { 201: QueueTicketSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.walkIn(ctx, principalOf(req), actorOf(req), req.body)),
    });
    app.post('/call-next', {
      config: { access: 'queue:call' },
      schema: {
        tags,
        summary:
          "Call the caller's next patient (priority, then arrival); opens the visit's encounter, and with start: true begins the consultation",
        body: CallNextSchema.optional(),
        response: ticket,
      },
      handler: async (req) => transitions.callNext(ctx, principalOf(req), actorOf(req), req.body ?? {}),
    });

    const simple = [
      ['start', 'called → in consultation', transitions.startConsultation, 'queue:call'],
      [
        'done',
        'called or in consultation → done (the appointment is completed)',
        transitions.finishVisit,
        'queue:call',
      ],
      ['skip', 'waiting or called → skipped', transitions.skipVisit, 'queue:call'],
      [
        'requeue',
        'skipped → waiting again, in its original place',
        transitions.requeueVisit,
        ['queue:call', 'queue:write'],
      ],
      [
        'no-show',
        'waiting, called or skipped → no-show',
        transitions.markNoShow,
        ['queue:call', 'queue:write'],
      ],
    ] as const;
    for (const [path, summary, change, access] of simple) {
      app.post(`/:id/${path}`, {
        config: { access },
        schema: { tags, summary, params: VisitParamsSchema, response: ticket },
        handler: async (req) => change(ctx, actorOf(req), req.params.id),
      });
    }
    app.post('/:id/transfer', {
      config: { access: 'queue:call' },
      schema: {
        tags,
        summary: 'Back to waiting for another provider (optionally in another department), arrival time kept',
        params: VisitParamsSchema,
        body: TransferSchema,
        response: ticket,
      },
      handler: async (req) => transitions.transferVisit(ctx, actorOf(req), req.params.id, req.body),
    });
    app.post('/:id/triage', {
      config: { access: 'queue:write' },
      schema: {
        tags,
        summary: "Triage: priority, a note, and vitals recorded in the patient's record",
        params: VisitParamsSchema,
        body: TriageSchema,
        response: ticket,
      },
      handler: async (req) =>
        transitions.triageVisit(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
    });
  };
}
