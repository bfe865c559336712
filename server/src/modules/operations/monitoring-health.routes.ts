import {
  ActivityQuerySchema,
  ActivitySchema,
  ApplicationHealthSchema,
  DatabaseHealthSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { databaseHealth } from '../../platform/monitoring/database-health.ts';
import { applicationHealth } from './application-health.ts';
import { auditActivity } from './audit-activity.ts';

/** Operational figures only (no patient data), so reading them writes no audit event. */
export function monitoringHealthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/monitoring/database', {
      config: { access: 'metrics:read' },
      schema: {
        tags: ['monitoring'],
        summary:
          'Database health: size, largest tables, connections, cache, long queries and locks, slow statements, migrations',
        response: { 200: DatabaseHealthSchema },
      },
      handler: async () => databaseHealth(ctx.database, ctx.log),
    });

    app.get('/monitoring/application', {
      config: { access: 'metrics:read' },
      schema: {
        tags: ['monitoring'],
        summary: 'Requests by route, job queue, schedules, outbox, WebSocket clients, backups and disk space',
        response: { 200: ApplicationHealthSchema },
      },
      handler: async () => applicationHealth(ctx),
    });

    app.get('/monitoring/activity', {
      config: { access: 'metrics:read' },
      schema: {
        tags: ['monitoring'],
        summary: 'The audit trail per hour: sign-ins, records opened, changes and denied attempts',
        querystring: ActivityQuerySchema,
        response: { 200: ActivitySchema },
      },
      handler: async (request) => auditActivity(ctx.db, request.query.range),
    });
  };
}
