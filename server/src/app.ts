import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.ts';
import type { Config } from './config.ts';
import { MODULES } from './modules/index.ts';
import { migrateWithBackup } from './modules/operations/pre-migration-backup.ts';
import {
  readSystemSettings,
  SETTINGS_CHANGES_CHANNEL,
  transportSettings,
} from './modules/settings/settings.service.ts';
import type { AuthDeps } from './platform/auth/authenticate.ts';
import { clearOnAuthChanges, createCredentialCache } from './platform/auth/credential-cache.ts';
import { registerRequestAuth } from './platform/auth/request-auth.ts';
import { announcedValue } from './platform/db/announced-value.ts';
import type { Database } from './platform/db/database.ts';
import { openDatabase } from './platform/db/open.ts';
import { startWalReceiver, type WalReceiver, walFolder } from './platform/db/wal-receiver.ts';
import { createEventsHub } from './platform/events/events.hub.ts';
import { eventsRoutes } from './platform/events/events.routes.ts';
import { scheduleBlobCollection } from './platform/files/blob-gc.ts';
import { openBlobStore } from './platform/files/open-blob-store.ts';
import { AccessLog, serializeRequest } from './platform/http/access-log.ts';
import { healthRoutes } from './platform/http/health.routes.ts';
import { frameworkErrorHandler, registerProblemHandlers } from './platform/http/problem.ts';
import { registerRouteAccess } from './platform/http/route-access.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { serverTimeouts } from './platform/http/server-timeouts.ts';
import { registerTextInputCheck } from './platform/http/text-input.ts';
import { isWebAppRequest, registerWebApp } from './platform/http/web-app.ts';
import { createJobs } from './platform/jobs/jobs.ts';
import { registerMetrics, routeLabel } from './platform/metrics/metrics.ts';
import { type Heartbeat, startHeartbeat } from './platform/monitoring/instance-heartbeat.ts';
import {
  createRequestWindow,
  NO_ROUTE,
  type RequestWindow,
  WEB_APP_ROUTE,
} from './platform/monitoring/request-window.ts';
import { OUTBOX_BLOB_REFERENCE } from './platform/outbox/outbox.repository.ts';
import { createOutbox } from './platform/outbox/outbox.ts';

export type BuildOptions = {
  /** An already open database (tests); otherwise one is opened from config and closed with the app. */
  database?: Database;
  /** Start polling for jobs (default: config.jobsEnabled). Tests run jobs explicitly with ctx.jobs.runDue(). */
  startJobs?: boolean;
  /** Where log lines go (default standard output); tests read them. */
  logStream?: { write(line: string): void };
  /** Report this instance to the database every few seconds (default true; tests beat by hand). */
  heartbeat?: boolean;
  /** Archive the WAL when BACKUP_WAL is on (default false: only `start` does, never a CLI command or a test). */
  walReceiver?: boolean;
};

/** Every place rows name blobs: the collector keeps whatever any of them names. */
export const BLOB_REFERENCES = [OUTBOX_BLOB_REFERENCE, ...MODULES.flatMap((m) => m.blobReferences ?? [])];

const DEFAULT_WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** This instance's recent requests, as its heartbeat reports them. */
    requests: RequestWindow;
  }
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      serializers: { req: serializeRequest },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    logController: new AccessLog(),
    bodyLimit: config.bodyLimit,
    ...serverTimeouts(config),
    frameworkErrors: frameworkErrorHandler,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database = opts.database ?? (await openDatabase(config));
  if (!opts.database) app.addHook('onClose', () => database.close());
  const blobs = await openBlobStore(config);
  app.addHook('onClose', () => blobs.backend.close());
  try {
    await migrateWithBackup(database, blobs, config, (message) => app.log.info(message));
  } catch (err) {
    await blobs.backend.close();
    if (!opts.database) await database.close();
    throw err;
  }
  for (const m of MODULES) await m.seed?.(database.db);

  const db = database.db;
  const jobs = createJobs({ db, pollMs: config.jobsPollMs, log: app.log });
  const outbox = createOutbox({ db, jobs, blobs, transports: () => transportSettings({ db, config }) });
  const credentialCache = createCredentialCache({ listenerEpoch: database.listenerEpoch });
  const stopClearing = await clearOnAuthChanges(database, credentialCache);
  app.addHook('onClose', () => stopClearing());
  const settings = await announcedValue(database, SETTINGS_CHANGES_CHANNEL, readSystemSettings);
  app.addHook('onClose', () => settings.close());
  const ctx: AppContext = {
    config,
    database,
    db,
    log: app.log,
    jobs,
    outbox,
    blobs,
    credentialCache,
    settings,
  };
  app.decorate('ctx', ctx);
  for (const m of MODULES) m.jobs?.(ctx);
  scheduleBlobCollection({ db, blobs, jobs, log: app.log }, BLOB_REFERENCES);
  app.addHook('onReady', async () => {
    if (opts.startJobs ?? config.jobsEnabled) jobs.start();
  });
  app.addHook('onClose', () => jobs.stop());
  for (const service of MODULES.flatMap((m) => m.services?.(ctx) ?? [])) {
    app.addHook('onReady', () => service.start());
    app.addHook('onClose', () => service.stop());
  }

  registerProblemHandlers(app);
  registerRouteAccess(app, db);
  registerTextInputCheck(app);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const authDeps: AuthDeps = { db, sessionIdleMs: config.sessionIdleMs };
  registerRequestAuth(app, { ...authDeps, cache: credentialCache, publicUrl: config.publicUrl });
  // The hub re-checks sockets when an event says access changed; that event may arrive before the
  // carebase_auth announcement clears the cache, so its checks always read the database.
  const events = createEventsHub(ctx, authDeps);
  registerMetrics(app, { ...ctx, events });
  const requests = createRequestWindow();
  app.decorate('requests', requests);
  app.addHook('onResponse', async (request, reply) =>
    requests.observe(reply.statusCode, reply.elapsedTime, {
      method: request.method,
      route: isWebAppRequest(request.method, request.url, request.routeOptions.url !== undefined)
        ? WEB_APP_ROUTE
        : routeLabel(request, NO_ROUTE),
    }),
  );
  if (opts.heartbeat ?? true) {
    let heartbeat: Heartbeat | undefined;
    app.addHook('onReady', async () => {
      heartbeat = startHeartbeat({ db, log: app.log, requests, websockets: events.clientCount });
    });
    app.addHook('onClose', async () => heartbeat?.stop());
  }

  if (opts.walReceiver && config.backupWal && config.databaseUrl) {
    const url = config.databaseUrl;
    let receiver: WalReceiver | undefined;
    app.addHook('onReady', async () => {
      receiver = startWalReceiver({
        url,
        dir: walFolder(config.backupUrl),
        slot: config.backupWalSlot,
        log: app.log,
      });
    });
    app.addHook('onClose', async () => receiver?.stop());
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Carebase API',
        version: '0.1.0',
        description: 'Clinic management: accounts, audit, settings and more.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'carebase_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes(database));
  await app.register(eventsRoutes(ctx, events), { prefix: '/api' });
  for (const m of MODULES) {
    for (const r of m.routes ?? []) await app.register(r.plugin(ctx), r.prefix ? { prefix: r.prefix } : {});
  }

  await registerWebApp(app, { webDist: config.webDist ?? DEFAULT_WEB_DIST, log: app.log });
  return app;
}
