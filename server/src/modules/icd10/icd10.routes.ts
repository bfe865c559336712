import { Icd10SearchQuerySchema, Icd10SearchResultSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { searchIcd10 } from './icd10.service.ts';

export function icd10Routes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/icd10', {
      config: { access: 'chart:read' },
      schema: {
        tags: ['icd10'],
        summary:
          'Search ICD-10 codes by code prefix ("J06") or English or Spanish words ("upper respiratory", "faringitis"); best first, at most 20',
        querystring: Icd10SearchQuerySchema,
        response: { 200: Icd10SearchResultSchema },
      },
      handler: async (req) => searchIcd10(ctx.db, req.query.q, req.query.limit),
    });
  };
}
