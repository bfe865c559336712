import {
  AlertPageSchema,
  AlertQuerySchema,
  AlertRuleKeyParamsSchema,
  AlertRuleListSchema,
  AlertRuleSchema,
  AlertRuleUpdateSchema,
  type Instance,
  InstanceListSchema,
  SampleListSchema,
  SampleQuerySchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import { GONE_AFTER_MS } from '../../platform/monitoring/instance-heartbeat.ts';
import { type InstanceRow, recentInstances } from '../../platform/monitoring/instances.repository.ts';
import { currentRules } from './alert-rules.ts';
import { alertsPage, updateRule } from './alerts.service.ts';
import { RANGE_STEP_SECONDS, samplesFor, toSample } from './monitoring-samples.repository.ts';

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
    app.get('/monitoring/samples', {
      config: { access: 'metrics:read' },
      schema: {
        tags: ['monitoring'],
        summary: 'The whole system over the last hour (per minute), day (per 5 minutes) or week (per hour)',
        querystring: SampleQuerySchema,
        response: { 200: SampleListSchema },
      },
      handler: async (req) => ({
        range: req.query.range,
        stepSeconds: RANGE_STEP_SECONDS[req.query.range],
        points: (await samplesFor(ctx.db, req.query.range)).map(toSample),
      }),
    });
    app.get('/monitoring/alerts', {
      config: { access: 'metrics:read' },
      schema: {
        tags: ['monitoring'],
        summary: 'Alerts, firing ones first, then the history newest first',
        querystring: AlertQuerySchema,
        response: { 200: AlertPageSchema },
      },
      handler: async (req) => alertsPage(ctx, req.query),
    });
    app.get('/monitoring/alert-rules', {
      config: { access: 'metrics:read' },
      schema: {
        tags: ['monitoring'],
        summary: 'The alert rules with their thresholds (the defaults and the clinic’s changes)',
        response: { 200: AlertRuleListSchema },
      },
      handler: async () => ({ items: await currentRules(ctx.db) }),
    });
    app.put('/monitoring/alert-rules/:key', {
      config: { access: 'alerts:manage' },
      schema: {
        tags: ['monitoring'],
        summary: 'Change a rule’s threshold or switch it on or off',
        params: AlertRuleKeyParamsSchema,
        body: AlertRuleUpdateSchema,
        response: { 200: AlertRuleSchema },
      },
      handler: async (req) => updateRule(ctx, actorOf(req), req.params.key, req.body),
    });
  };
}
