import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../../app-context.ts';
import type { EventsHub } from '../events/events.hub.ts';
import { jobCounts } from '../jobs/jobs.repository.ts';
import { jobs as jobsTable } from '../jobs/jobs.schema.ts';

export type MetricsDeps = Pick<AppContext, 'database' | 'jobs' | 'log' | 'credentialCache'> & {
  events: Pick<EventsHub, 'clientCount'>;
};

export type Metrics = {
  /** This app's own registry: several apps in one process (tests) never share series. */
  registry: Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  /** Stops listening to the job runner. */
  close(): void;
};

/** The route pattern, never the raw URL: ids in paths would make one series per record. */
export function routeLabel(request: FastifyRequest, unmatched = 'unmatched'): string {
  if (request.is404) return unmatched;
  return request.routeOptions.url ?? unmatched;
}

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'carebase_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'carebase_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const pool = (name: string, help: string, key: 'total' | 'idle' | 'waiting') =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(deps.database.poolStats()[key]);
      },
    });
  pool('carebase_db_pool_connections', 'Open connections of the database pool.', 'total');
  pool('carebase_db_pool_idle_connections', 'Idle connections of the database pool.', 'idle');
  pool('carebase_db_pool_waiting_requests', 'Queries waiting for a free connection of the pool.', 'waiting');

  new Gauge({
    name: 'carebase_jobs',
    help: 'Jobs in the durable queue, by status (shared by every instance on the database).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      try {
        const counts = await jobCounts(deps.database.db);
        for (const status of jobsTable.status.enumValues) this.set({ status }, counts[status] ?? 0);
      } catch (err) {
        // A scrape while the database is away still answers, with the last known figures.
        deps.log.warn({ err }, 'could not count jobs for metrics');
      }
    },
  });

  const jobFailures = new Counter({
    name: 'carebase_job_failures_total',
    help: 'Failed job attempts run by this instance, by job kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const stopListening = deps.jobs.onFailure((job) => jobFailures.inc({ kind: job.kind }));

  new Gauge({
    name: 'carebase_websocket_clients',
    help: 'WebSocket clients connected to /api/events on this instance.',
    registers: [registry],
    collect() {
      this.set(deps.events.clientCount());
    },
  });

  const counted = { hits: 0, misses: 0 };
  new Counter({
    name: 'carebase_auth_cache_lookups_total',
    help: 'Credential checks of this instance answered from memory (hit) or read from the database (miss).',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      const now = deps.credentialCache.stats();
      this.inc({ result: 'hit' }, now.hits - counted.hits);
      this.inc({ result: 'miss' }, now.misses - counted.misses);
      Object.assign(counted, now);
    },
  });

  return {
    registry,
    observeRequest({ method, route, status }, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    close: stopListening,
  };
}

/**
 * Counts every request of the app and serves GET /metrics in the Prometheus text format. Called on
 * the root instance before the route plugins, so its hook sees the routes of every plugin.
 */
export function registerMetrics(app: FastifyInstance, deps: MetricsDeps): Metrics {
  const metrics = createMetrics(deps);
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      { method: request.method, route: routeLabel(request), status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('onClose', async () => metrics.close());
  app.get(
    '/metrics',
    {
      config: { access: 'metrics:read' },
      // Registered before @fastify/swagger (the hook must come first), so it is not in the OpenAPI document.
      schema: { hide: true },
    },
    async (_request, reply) => {
      const body = await metrics.registry.metrics();
      return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(body);
    },
  );
  return metrics;
}
