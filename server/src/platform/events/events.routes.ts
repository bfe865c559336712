import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { sameOrigin } from '../auth/request-auth.ts';
import { principalOf } from '../http/route-access.ts';
import { CLOSE_CODES, type Credential, type EventsHub } from './events.hub.ts';

/** The secret the request was authenticated with, as request-auth chose it (a Bearer token wins). */
function credentialOf(request: FastifyRequest, via: 'session' | 'token'): Credential | null {
  if (via === 'token') {
    const header = request.headers.authorization;
    return header?.startsWith('Bearer ') ? { via, secret: header.slice(7).trim() } : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { via, secret: cookie } : null;
}

/** GET /api/events: the one WebSocket of the web app. The hub listens for the app's whole life. */
export function eventsRoutes(ctx: AppContext, hub: EventsHub): FastifyPluginAsync {
  return async (app) => {
    await hub.start();
    app.addHook('onClose', () => hub.close());

    app.get(
      '/events',
      {
        websocket: true,
        config: { access: 'authenticated' },
        schema: { tags: ['events'], summary: 'Server events over a WebSocket (cookie or Bearer token)' },
      },
      (socket, request) => {
        const principal = principalOf(request);
        // A browser sends the session cookie on a WebSocket from any site: only our own pages may use it.
        if (principal.via === 'session' && !sameOrigin(request, ctx.config.publicUrl)) {
          socket.close(CLOSE_CODES.forbiddenOrigin, 'origin not allowed');
          return;
        }
        const credential = credentialOf(request, principal.via);
        if (!credential) {
          socket.close(CLOSE_CODES.unauthorized, 'no credential');
          return;
        }
        hub.attach(socket, principal, credential);
      },
    );
  };
}
