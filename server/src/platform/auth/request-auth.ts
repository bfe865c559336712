import { SESSION_HINT_COOKIE } from '@carebase/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import {
  type AuthDeps,
  principalFromApiToken,
  principalFromSession,
  SESSION_COOKIE,
} from './authenticate.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated writes must come from our own pages: the Origin (or Referer) has to be this
 * server's own address or PUBLIC_URL. Bearer-token requests carry no ambient credentials and skip this.
 */
export function sameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (!source) return false;
  let origin: string;
  try {
    origin = new URL(source).origin;
  } catch {
    return false;
  }
  const own = `${request.protocol}://${request.host}`;
  return origin === own || origin === new URL(publicUrl).origin;
}

export function registerRequestAuth(app: FastifyInstance, deps: AuthDeps & { publicUrl: string }): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.principal = await principalFromApiToken(deps, header.slice(7).trim());
      if (!request.principal)
        throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked.');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.principal = await principalFromSession(deps, cookie);
    const writes = !SAFE_METHODS.has(request.method);
    if (writes && (cookie || request.url.startsWith('/api/auth/')) && !sameOrigin(request, deps.publicUrl)) {
      // Login and reset are covered too: a foreign page must not sign a browser into another account.
      if (request.headers.origin || request.headers.referer || cookie) {
        throw new AppError('csrf_rejected', 'The request did not come from this site (Origin check failed).');
      }
    }
  });
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  opts: { secure: boolean; maxAgeMs: number },
) {
  const shared = {
    sameSite: 'lax' as const,
    secure: opts.secure,
    path: '/',
    maxAge: Math.floor(opts.maxAgeMs / 1000),
  };
  reply.setCookie(SESSION_COOKIE, token, { ...shared, httpOnly: true });
  reply.setCookie(SESSION_HINT_COOKIE, '1', { ...shared, httpOnly: false });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.clearCookie(SESSION_HINT_COOKIE, { path: '/', sameSite: 'lax', secure });
}
