import {
  ChartPatientParamsSchema,
  CreatePrescriptionsSchema,
  IdParamsSchema,
  PrescriptionListQuerySchema,
  PrescriptionListSchema,
  PrescriptionSchema,
  StopPrescriptionSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as service from './prescriptions.service.ts';

const tags = ['prescriptions'];

export function prescriptionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/encounters/:id/prescriptions', {
      config: { access: 'prescriptions:write' },
      schema: {
        tags,
        summary:
          'Prescribe drugs in an encounter; 409 with the allergy named when a drug matches an active allergy, unless allergyOverrideReason is sent',
        params: IdParamsSchema,
        body: CreatePrescriptionsSchema,
        response: { 201: PrescriptionListSchema },
      },
      handler: async (req, reply) => {
        const items = await service.createPrescriptions(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.id,
          req.body,
        );
        return reply.status(201).send({ items });
      },
    });
    app.get('/patients/:patientId/prescriptions', {
      config: { access: ['chart:read', 'portal:self'] },
      schema: {
        tags,
        summary: "A patient's prescriptions, newest first (a patient sees only their active ones)",
        params: ChartPatientParamsSchema,
        querystring: PrescriptionListQuerySchema,
        response: { 200: PrescriptionListSchema },
      },
      handler: async (req) => ({
        items: await service.listPatientPrescriptions(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.patientId,
          req.query.status,
        ),
      }),
    });
    app.post('/prescriptions/:id/stop', {
      config: { access: 'prescriptions:write' },
      schema: {
        tags,
        summary: 'Stop an active prescription, with a reason',
        params: IdParamsSchema,
        body: StopPrescriptionSchema,
        response: { 200: PrescriptionSchema },
      },
      handler: async (req) =>
        service.stopPrescription(ctx, principalOf(req), actorOf(req), req.params.id, req.body.reason),
    });
  };
}
