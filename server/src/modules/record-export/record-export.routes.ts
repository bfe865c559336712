import { PatientIdParamsSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { sendPdf } from '../../platform/pdf/pdf-reply.ts';
import { exportPatientRecord } from './record-export.service.ts';

/** Registered under /api. */
export function recordExportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/patients/:id/record.pdf', {
      config: { access: ['chart:read', 'portal:self'] },
      schema: {
        tags: ['patients'],
        summary:
          "The patient's whole record as a PDF: demographics, allergies, vitals, encounters, prescriptions, dental chart, certificates and the list of attachments",
        params: PatientIdParamsSchema,
        querystring: z.object({ lang: z.enum(['en', 'es']).default('en') }),
      },
      handler: async (req, reply) => {
        const { pdf, filename } = await exportPatientRecord(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.id,
          req.query.lang,
        );
        return sendPdf(reply, pdf, filename);
      },
    });
  };
}
