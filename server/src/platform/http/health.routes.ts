import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { migrationsApplied } from '../db/migrate.ts';

const tags = ['health'];

export function healthRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/healthz', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
      handler: async () => ({ status: 'ok' as const }),
    });
    app.get('/readyz', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The database answers and every migration is applied',
        response: {
          200: z.object({
            status: z.enum(['ready', 'not-ready']),
            database: z.boolean(),
            migrations: z.boolean(),
          }),
          503: z.object({
            status: z.enum(['ready', 'not-ready']),
            database: z.boolean(),
            migrations: z.boolean(),
          }),
        },
      },
      handler: async (_req, reply) => {
        let dbUp = false;
        let migrated = false;
        try {
          await database.db.execute(sql`select 1`);
          dbUp = true;
          migrated = await migrationsApplied(database);
        } catch {
          // reported as not ready below
        }
        const ready = dbUp && migrated;
        return reply
          .status(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'not-ready', database: dbUp, migrations: migrated });
      },
    });
  };
}
