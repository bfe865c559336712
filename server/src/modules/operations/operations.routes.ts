import {
  IdParamsSchema,
  JobPageSchema,
  JobQuerySchema,
  JobScheduleListSchema,
  JobSchema,
  OkSchema,
  OutboxPageSchema,
  OutboxQuerySchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import * as ops from './operations.service.ts';

export function operationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/outbox', {
      config: { access: 'outbox:read' },
      schema: {
        tags: ['outbox'],
        summary: 'Outgoing email and SMS messages',
        querystring: OutboxQuerySchema,
        response: { 200: OutboxPageSchema },
      },
      handler: async (req) => ops.listOutbox(ctx, req.query),
    });
    app.post('/outbox/:id/retry', {
      config: { access: 'jobs:write' },
      schema: {
        tags: ['outbox'],
        summary: 'Send a held or failed message again',
        params: IdParamsSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await ops.retryMessage(ctx, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    });
    app.get('/jobs', {
      config: { access: 'jobs:read' },
      schema: {
        tags: ['jobs'],
        summary: 'Background jobs, failed and dead ones first',
        querystring: JobQuerySchema,
        response: { 200: JobPageSchema },
      },
      handler: async (req) => ops.listJobs(ctx, req.query),
    });
    app.get('/jobs/schedules', {
      config: { access: 'jobs:read' },
      schema: {
        tags: ['jobs'],
        summary: 'Recurring jobs: interval, last run and its outcome, next run',
        response: { 200: JobScheduleListSchema },
      },
      handler: async () => ops.listJobSchedules(ctx),
    });
    app.post('/jobs/:id/retry', {
      config: { access: 'jobs:write' },
      schema: {
        tags: ['jobs'],
        summary: 'Run a failed or dead job again',
        params: IdParamsSchema,
        response: { 200: JobSchema },
      },
      handler: async (req) => ops.retryJob(ctx, actorOf(req), req.params.id),
    });
  };
}
