import { Readable } from 'node:stream';
import { AuditPageSchema, AuditQuerySchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import { exportAuditCsv, listAudit } from './audit.service.ts';

const tags = ['audit'];

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: 'Audit events with filters, sort and pages',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema },
      },
      handler: async (req) => listAudit(ctx, req.query),
    });
    app.get('/export.csv', {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: 'The filtered audit events as CSV (at most 100,000 rows)',
        querystring: AuditQuerySchema,
      },
      handler: async (req, reply) => {
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="carebase-audit-${stamp}.csv"`);
        return reply.send(Readable.from(exportAuditCsv(ctx, actorOf(req), req.query)));
      },
    });
  };
}
