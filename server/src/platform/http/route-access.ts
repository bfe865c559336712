import type { RouteAccess } from '@carebase/contracts';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { can } from '../access/principal.ts';
import { type ActorContext, writeAudit } from '../audit/audit.writer.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. A route without it is refused to everyone (deny by default). */
    access?: RouteAccess;
    /** Reachable while the account still has to enrol TOTP (me, logout, enrolment itself). */
    duringMfaEnrollment?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every registered route with its declared access, read by the route-walk test. */
    routeAccess(): Map<string, RouteAccess | undefined>;
  }
}

/** Routes of plugins we do not write (API docs, static files) that are public by nature. */
const PUBLIC_PREFIXES = ['/api/docs'];

export function actorOf(request: FastifyRequest): ActorContext {
  return {
    actorId: request.principal?.userId ?? null,
    actorEmail: request.principal?.email ?? null,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
    requestId: String(request.id),
  };
}

/** The caller of a route whose access is not 'public' (the access hook has already refused anonymous calls). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}

export function registerRouteAccess(app: FastifyInstance, db: Db): void {
  const routes: RouteOptions[] = [];
  app.decorate('routeAccess', () => {
    const map = new Map<string, RouteAccess | undefined>();
    for (const route of routes) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const m of methods) if (m !== 'HEAD') map.set(`${m} ${route.url}`, route.config?.access);
    }
    return map;
  });
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: 'public' };
    }
    routes.push(route);
  });

  // Before validation: an anonymous or unauthorised caller learns nothing about the input a route expects.
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    const config = request.routeOptions.config;
    const access = config?.access;
    if (access === undefined) {
      // Only reached by a route someone forgot to declare: refused, and the route-walk test fails on it.
      throw new AppError('forbidden', 'This route declares no permission.');
    }
    if (access === 'public') return;
    const principal = request.principal;
    if (!principal)
      throw new AppError('unauthenticated', 'Sign in, or send an API token as a Bearer authorization.');
    if (principal.mfaEnrollmentRequired && !config?.duringMfaEnrollment) {
      throw new AppError(
        'mfa_enrollment_required',
        'Your role requires two-factor authentication: set it up first.',
      );
    }
    if (!can(principal, access)) {
      await writeAudit(db, actorOf(request), {
        action: 'access.denied',
        resourceType: 'route',
        resourceId: `${request.method} ${request.routeOptions.url}`,
        outcome: 'denied',
        details: { permission: access },
      });
      const needed = typeof access === 'string' ? access : access.join(' or ');
      throw new AppError('forbidden', `This needs the ${needed} permission.`);
    }
  });
}

/** Marks every route registered in this scope as public (for plugins we do not write, such as static files). */
export function publicScope(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'public' };
  });
}
