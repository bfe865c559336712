import { type Instance, InstanceListSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { GONE_AFTER_MS } from '../../platform/monitoring/instance-heartbeat.ts';
import { type InstanceRow, recentInstances } from '../../platform/monitoring/instances.repository.ts';

export function toInstance(r: InstanceRow, now = Date.now()): Instance {
  const status = r.stoppedAt ? 'stopped' : now - r.lastSeenAt.getTime() > GONE_AFTER_MS ? 'gone' : 'up';
  return {
    ...r,
    startedAt: r.startedAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    status,
  };
}

export function monitoringRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/monitoring/instances', {
      config: { access: 'metrics:read' },
      schema: {
        tags: ['monitoring'],
        summary: 'Server instances and their last heartbeat: up, stopped, or gone (stopped reporting)',
        response: { 200: InstanceListSchema },
      },
      handler: async () => ({ items: (await recentInstances(ctx.db)).map((r) => toInstance(r)) }),
    });
  };
}
