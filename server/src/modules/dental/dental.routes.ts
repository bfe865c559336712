import {
  DentalChartPdfQuerySchema,
  DentalChartSchema,
  DentalEntryCreateSchema,
  DentalEntrySchema,
  DentalNumberingQuerySchema,
  DentalPatientParamsSchema,
  DentalPlanCreateSchema,
  DentalPlanListSchema,
  DentalPlanSchema,
  DentalProcedureCreateSchema,
  DentalProcedurePatchSchema,
  DentalProcedureSchema,
  DentalToothHistorySchema,
  DentalToothParamsSchema,
  IdParamsSchema,
  type Permission,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { sendPdf } from '../../platform/pdf/pdf-reply.ts';
import * as dental from './dental.service.ts';
import * as plans from './dental-plans.service.ts';
import { dentalChartPdf } from './dental-print.service.ts';

const tags = ['dental'];
/** Staff with chart access, or the patient for their own chart (checked in the service). */
const READ: readonly Permission[] = ['chart:read', 'portal:self'];

/** Registered under /api. */
export function dentalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/patients/:patientId/dental/chart', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'The odontogram as it stands: per tooth, whole-tooth conditions and surface conditions',
        params: DentalPatientParamsSchema,
        querystring: DentalNumberingQuerySchema,
        response: { 200: DentalChartSchema },
      },
      handler: async (req) =>
        dental.readChart(ctx.db, principalOf(req), actorOf(req), req.params.patientId, req.query.numbering),
    });

    app.get('/patients/:patientId/dental/chart.pdf', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'The printable chart: odontogram, legend, findings and treatment plans (PDF)',
        params: DentalPatientParamsSchema,
        querystring: DentalChartPdfQuerySchema,
      },
      handler: async (req, reply) => {
        const { pdf, filename } = await dentalChartPdf(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.patientId,
          req.query,
        );
        return sendPdf(reply, pdf, filename);
      },
    });

    app.get('/patients/:patientId/dental/teeth/:tooth/history', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Everything recorded on one tooth (FDI number), newest first',
        params: DentalToothParamsSchema,
        querystring: DentalNumberingQuerySchema,
        response: { 200: DentalToothHistorySchema },
      },
      handler: async (req) =>
        dental.toothHistory(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.patientId,
          req.params.tooth,
          req.query.numbering,
        ),
    });

    app.post('/patients/:patientId/dental/entries', {
      config: { access: 'dental:write' },
      schema: {
        tags,
        summary: 'Record a condition on a tooth or some of its surfaces (appended to the history)',
        params: DentalPatientParamsSchema,
        body: DentalEntryCreateSchema,
        response: { 201: DentalEntrySchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(
            await dental.recordEntry(ctx, principalOf(req), actorOf(req), req.params.patientId, req.body),
          ),
    });

    app.get('/patients/:patientId/dental/plans', {
      config: { access: READ },
      schema: {
        tags,
        summary: "The patient's treatment plans with their procedures and totals, newest first",
        params: DentalPatientParamsSchema,
        querystring: DentalNumberingQuerySchema,
        response: { 200: DentalPlanListSchema },
      },
      handler: async (req) => ({
        items: await plans.listPlans(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.patientId,
          req.query.numbering,
        ),
      }),
    });

    app.post('/patients/:patientId/dental/plans', {
      config: { access: 'dental:write' },
      schema: {
        tags,
        summary: 'Create a treatment plan, optionally with its first procedures',
        params: DentalPatientParamsSchema,
        body: DentalPlanCreateSchema,
        response: { 201: DentalPlanSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await plans.createPlan(ctx, principalOf(req), actorOf(req), req.params.patientId, req.body)),
    });

    app.get('/dental/plans/:id', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'One treatment plan with its procedures and totals',
        params: IdParamsSchema,
        querystring: DentalNumberingQuerySchema,
        response: { 200: DentalPlanSchema },
      },
      handler: async (req) =>
        plans.getPlan(ctx, principalOf(req), actorOf(req), req.params.id, req.query.numbering),
    });

    app.post('/dental/plans/:id/procedures', {
      config: { access: 'dental:write' },
      schema: {
        tags,
        summary: 'Add a procedure to a plan; answers the whole plan with new totals',
        params: IdParamsSchema,
        body: DentalProcedureCreateSchema,
        response: { 201: DentalPlanSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await plans.addProcedure(ctx, principalOf(req), actorOf(req), req.params.id, req.body)),
    });

    app.patch('/dental/procedures/:id', {
      config: { access: 'dental:write' },
      schema: {
        tags,
        summary:
          'Edit a procedure or move its status forward (planned → in_progress → done, or cancelled); ' +
          'completing a filling, extraction, root canal, crown… records it on the chart',
        params: IdParamsSchema,
        body: DentalProcedurePatchSchema,
        response: { 200: DentalProcedureSchema },
      },
      handler: async (req) =>
        plans.updateProcedure(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
    });
  };
}
