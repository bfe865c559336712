import { SetupChecklistSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { setupChecklist } from './setup.service.ts';

export function setupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/checklist', {
      config: { access: 'settings:write' },
      schema: {
        tags: ['setup'],
        summary: 'What the clinic still lacks for its first day, each with the page where it is done',
        response: { 200: SetupChecklistSchema },
      },
      handler: async () => setupChecklist(ctx),
    });
  };
}
