import {
  ChartPatientParamsSchema,
  CreateVitalsSchema,
  LatestVitalsSchema,
  VitalsSchema,
  VitalsTrendQuerySchema,
  VitalsTrendSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as service from './vitals.service.ts';

const tags = ['vitals'];

export function vitalsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/patients/:patientId/vitals', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary: 'Record a set of vitals (each measure optional, plausibility-checked); BMI is computed',
        params: ChartPatientParamsSchema,
        body: CreateVitalsSchema,
        response: { 201: VitalsSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(
            await service.recordVitals(ctx, principalOf(req), actorOf(req), req.params.patientId, req.body),
          ),
    });
    app.get('/patients/:patientId/vitals', {
      config: { access: ['chart:read', 'portal:self'] },
      schema: {
        tags,
        summary: 'Vitals in a time range for trend charts, oldest first (at most 1000, the most recent)',
        params: ChartPatientParamsSchema,
        querystring: VitalsTrendQuerySchema,
        response: { 200: VitalsTrendSchema },
      },
      handler: async (req) =>
        service.vitalsTrend(ctx, principalOf(req), actorOf(req), req.params.patientId, req.query),
    });
    app.get('/patients/:patientId/vitals/latest', {
      config: { access: ['chart:read', 'portal:self'] },
      schema: {
        tags,
        summary: 'The latest value of each measure',
        params: ChartPatientParamsSchema,
        response: { 200: LatestVitalsSchema },
      },
      handler: async (req) => service.latestVitals(ctx, principalOf(req), actorOf(req), req.params.patientId),
    });
  };
}
