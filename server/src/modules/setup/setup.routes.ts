import { SampleDataRemovedSchema, SampleDataStatusSchema, SetupChecklistSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { loadSampleData, removeSampleData, sampleDataStatus } from './sample-data.service.ts';
import { setupChecklist } from './setup.service.ts';

const tags = ['setup'];

export function setupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/checklist', {
      config: { access: 'settings:write' },
      schema: {
        tags,
        summary: 'What the clinic still lacks for its first day, each with the page where it is done',
        response: { 200: SetupChecklistSchema },
      },
      handler: async () => setupChecklist(ctx),
    });
    app.get('/sample-data', {
      config: { access: ['settings:read', 'settings:write'] },
      schema: {
        tags,
        summary: 'Whether the demo clinic is loaded, and what it holds',
        response: { 200: SampleDataStatusSchema },
      },
      handler: async () => sampleDataStatus(ctx.db),
    });
    app.post('/sample-data', {
      config: { access: 'settings:write' },
      schema: {
        tags,
        summary: 'Load a small demo clinic of fictional, marked people (409 when it is already loaded)',
        response: { 201: SampleDataStatusSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await loadSampleData(ctx, principalOf(req), actorOf(req))),
    });
    app.delete('/sample-data', {
      config: { access: 'settings:write' },
      schema: {
        tags,
        summary:
          'Remove the demo clinic and everything added to its patients (409 naming what real records still use)',
        response: { 200: SampleDataRemovedSchema },
      },
      handler: async (req) => removeSampleData(ctx, actorOf(req)),
    });
  };
}
