import {
  CreateDisplaySchema,
  CreatedDisplaySchema,
  DISPLAY_TOKEN_HEADER,
  DisplayListSchema,
  DisplayParamsSchema,
  DisplayQuerySchema,
  DisplaySchema,
  DisplayStateSchema,
  IdParamsSchema,
} from '@carebase/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { CLOSE_CODES } from '../../platform/events/events.hub.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import { createDisplayHub, type DisplayHubOptions } from './display-hub.ts';
import type { DisplayRow } from './displays.repository.ts';
import * as service from './displays.service.ts';

const tags = ['displays'];
/** Public screens poll nothing, but the endpoints are open to the network: a limit per address. */
export const DISPLAY_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

function tokenOf(req: FastifyRequest, query: { token?: string | undefined }): string | undefined {
  const header = req.headers[DISPLAY_TOKEN_HEADER];
  return query.token ?? (typeof header === 'string' ? header : undefined);
}

/** /api/displays (admin) and the public /api/display/:department state and socket of a waiting-room screen. */
export function displaysRoutes(ctx: AppContext, hubOptions: DisplayHubOptions = {}): FastifyPluginAsyncZod {
  return async (app) => {
    const hub = createDisplayHub(ctx, hubOptions);
    await hub.start();
    app.addHook('onClose', () => hub.close());

    app.post('/displays', {
      config: { access: 'displays:manage' },
      schema: {
        tags,
        summary: "Create a department's display; its token is returned this once",
        body: CreateDisplaySchema,
        response: { 201: CreatedDisplaySchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.createDisplay(ctx, actorOf(req), req.body)),
    });
    app.get('/displays', {
      config: { access: 'displays:manage' },
      schema: { tags, summary: 'Every display, revoked ones included', response: { 200: DisplayListSchema } },
      handler: async () => service.listDisplays(ctx.db),
    });
    app.delete('/displays/:id', {
      config: { access: 'displays:manage' },
      schema: {
        tags,
        summary: "Revoke a display's token; its open screens are disconnected",
        params: IdParamsSchema,
        response: { 200: DisplaySchema },
      },
      handler: async (req) => service.revokeDisplay(ctx, actorOf(req), req.params.id),
    });

    const publicAccess = { access: 'public' as const, rateLimit: DISPLAY_RATE_LIMIT };
    app.get('/display/:department', {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Public, with a display token (?token= or x-display-token): tickets now served and next',
        params: DisplayParamsSchema,
        querystring: DisplayQuerySchema,
        response: { 200: DisplayStateSchema },
      },
      handler: async (req, reply) => {
        await service.authenticateDisplay(ctx.db, tokenOf(req, req.query), req.params.department);
        reply.header('cache-control', 'no-store');
        return service.displayState(ctx.db, req.params.department);
      },
    });

    const displays = new WeakMap<FastifyRequest, DisplayRow>();
    app.get(
      '/display/:department/socket',
      {
        websocket: true,
        config: publicAccess,
        schema: {
          tags,
          summary:
            'Public WebSocket with a display token: the display state now and after every queue change',
          params: DisplayParamsSchema,
          querystring: DisplayQuerySchema,
        },
        // Before the upgrade: a bad token is refused with a plain HTTP 401 and no socket is opened.
        preHandler: async (req) => {
          const display = await service.authenticateDisplay(
            ctx.db,
            tokenOf(req, req.query),
            req.params.department,
          );
          displays.set(req, display);
        },
      },
      (socket, req) => {
        const display = displays.get(req);
        if (display) hub.attach(socket, display);
        else socket.close(CLOSE_CODES.unauthorized, 'no display token');
      },
    );
  };
}
