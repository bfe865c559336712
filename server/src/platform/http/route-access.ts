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
    /** Reachable while the account must still replace a given password (me, logout, the change itself). */
    duringPasswordChange?: boolean;
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
  registerNoStore(app);
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
    if (principal.passwordChangeRequired) {
      // The password comes first; TOTP enrolment is asked once it is the user's own.
      if (!config?.duringPasswordChange)
        throw new AppError(
          'password_change_required',
          'This account still has a password it was given: choose a new one first (POST /api/auth/password).',
        );
    } else if (principal.mfaEnrollmentRequired && !config?.duringMfaEnrollment) {
      throw new AppError(
        'mfa_enrollment_required',
        'Your role requires two-factor authentication: set it up first.',
      );
    }
    if (!can(principal, access)) {
      const route = `${request.method} ${request.routeOptions.url}`;
      const tried = attemptedResource(
        request.routeOptions.url ?? '',
        request.params,
        request.query,
        request.body,
      );
      // The patient's own access report (the audit filtered by patient) lists attempts on their record too.
      await writeAudit(db, actorOf(request), {
        action: 'access.denied',
        resourceType: tried.resourceType ?? 'route',
        resourceId: tried.resourceId ?? route,
        patientId: tried.patientId,
        outcome: 'denied',
        details: { permission: access, route, path: request.url.split('?')[0]!.slice(0, 500) },
      });
      const needed = typeof access === 'string' ? access : access.join(' or ');
      throw new AppError('forbidden', `This needs the ${needed} permission.`);
    }
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IRREGULAR: Record<string, string> = { teeth: 'tooth', diagnoses: 'diagnosis', addenda: 'addendum' };

function singular(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function uuidIn(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

function fieldOf(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

export type AttemptedResource = {
  resourceType: string | null;
  resourceId: string | null;
  patientId: string | null;
};

/**
 * What a request was after, read from its route pattern and values by their names only (the platform knows
 * no module): the resource is the last `collection/:param` of the pattern (`/api/encounters/:id` → encounter
 * and its id); the patient is a `:patientId` param, the param right after `/patients/`, or else a `patientId`
 * in the query string or JSON body. Values that are not UUIDs name no patient.
 */
export function attemptedResource(
  pattern: string,
  params: unknown,
  query: unknown,
  body: unknown,
): AttemptedResource {
  const result: AttemptedResource = { resourceType: null, resourceId: null, patientId: null };
  const segments = pattern.split('/');
  segments.forEach((segment, i) => {
    if (!segment.startsWith(':')) return;
    const name = segment.slice(1);
    const value = fieldOf(params, name);
    if (typeof value !== 'string') return;
    const collection = segments[i - 1];
    if (name === 'patientId' || collection === 'patients') result.patientId ??= uuidIn(value);
    if (collection && !collection.startsWith(':')) {
      result.resourceType = singular(collection).replace(/-/g, '_');
      result.resourceId = value.slice(0, 200);
    }
  });
  result.patientId ??= uuidIn(fieldOf(query, 'patientId')) ?? uuidIn(fieldOf(body, 'patientId'));
  return result;
}

/**
 * Responses of signed-in routes are never stored by the browser or a proxy (patient data above all), unless
 * the route chose its own Cache-Control. Public routes (settings for the sign-in page, the API description)
 * keep theirs.
 */
function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.hasHeader('cache-control') || !request.url.startsWith('/api/')) return payload;
    if (request.routeOptions.config?.access !== 'public' || request.principal)
      reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Marks every route registered in this scope as public (for plugins we do not write, such as static files). */
export function publicScope(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'public' };
  });
}
