import { IdParamsSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { loadLetterhead } from '../../platform/pdf/letterhead.ts';
import { sendPdf } from '../../platform/pdf/pdf-reply.ts';
import { renderPrescriptionPdf } from './prescription-pdf.ts';
import { getPrescriptionForPrint } from './prescriptions.service.ts';

/** Registered under /api. */
export function prescriptionPdfRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/prescriptions/:id/pdf', {
      config: { access: ['chart:read', 'portal:self'] },
      schema: {
        tags: ['prescriptions'],
        summary: 'The printable prescription (PDF) with the drugs written together with this one',
        params: IdParamsSchema,
        querystring: z.object({ lang: z.enum(['en', 'es']).default('en') }),
      },
      handler: async (req, reply) => {
        const print = await getPrescriptionForPrint(ctx, principalOf(req), actorOf(req), req.params.id);
        const pdf = await renderPrescriptionPdf({
          print,
          letterhead: await loadLetterhead(ctx),
          lang: req.query.lang,
        });
        return sendPdf(reply, pdf, `prescription-${print.patient.mrn}-${print.date.slice(0, 10)}.pdf`);
      },
    });
  };
}
