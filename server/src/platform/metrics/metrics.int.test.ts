import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp, type TestUser } from '../../test/test-app.ts';
import { connect, eventsUrl } from '../events/events.test-client.ts';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (comments skipped). */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1] as string] = l[2] as string;
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return samples;
}

function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}

async function scrape(auth: { cookie?: string; token?: string }) {
  const res = await t.request({ method: 'GET', url: '/metrics', ...auth });
  return { res, samples: parseSamples(res.body) };
}

describe('GET /metrics', () => {
  it('answers 401 without authentication', async () => {
    const res = await t.request({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(401);
  });

  it('answers 403 to an account without metrics:read', async () => {
    const doctor = await t.userWithRoles(['doctor']);
    const res = await t.request({ method: 'GET', url: '/metrics', cookie: doctor.cookie });
    expect(res.statusCode).toBe(403);
  });

  it('serves the Prometheus text format with every series to an admin', async () => {
    const { res, samples } = await scrape({ cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('# TYPE carebase_http_requests_total counter');
    expect(res.body).toContain('# TYPE carebase_http_request_duration_seconds histogram');
    for (const name of [
      'carebase_db_pool_connections',
      'carebase_db_pool_idle_connections',
      'carebase_db_pool_waiting_requests',
      'carebase_websocket_clients',
      'process_cpu_user_seconds_total',
      'nodejs_heap_size_total_bytes',
    ]) {
      expect(sampleValue(samples, name), name).toBeTypeOf('number');
    }
    for (const status of ['queued', 'running', 'done', 'failed', 'dead']) {
      expect(sampleValue(samples, 'carebase_jobs', { status }), status).toBeTypeOf('number');
    }
    expect(res.body).toContain('# TYPE carebase_job_failures_total counter');
  });

  it('is readable with an API token carrying metrics:read', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/auth/tokens',
      cookie: admin.cookie,
      payload: { name: 'prometheus', permissions: ['metrics:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json() as { token: string };
    const { res, samples } = await scrape({ token });
    expect(res.statusCode).toBe(200);
    expect(sampleValue(samples, 'carebase_db_pool_connections')).toBeGreaterThanOrEqual(1);
  });

  it('counts requests by route pattern (not raw URL), method and status, with their latency', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const labels = { method: 'GET', route: '/api/users/:id', status: '404' };
    const before =
      sampleValue((await scrape({ cookie: admin.cookie })).samples, 'carebase_http_requests_total', labels) ??
      0;
    expect(
      (await t.request({ method: 'GET', url: `/api/users/${id}`, cookie: admin.cookie })).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ method: 'GET', url: '/api/no/such/route', cookie: admin.cookie })).statusCode,
    ).toBe(404);

    const { res, samples } = await scrape({ cookie: admin.cookie });
    expect(sampleValue(samples, 'carebase_http_requests_total', labels)).toBe(before + 1);
    expect(res.body).not.toContain(id);
    expect(
      sampleValue(samples, 'carebase_http_requests_total', { route: 'unmatched', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(res.body).not.toContain('/api/no/such/route');
    expect(
      sampleValue(samples, 'carebase_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/users/:id',
      }),
    ).toBeGreaterThanOrEqual(1);
    // The earlier scrapes themselves are counted too.
    expect(
      sampleValue(samples, 'carebase_http_requests_total', { route: '/metrics', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts failed job attempts by kind and the queue by status', async () => {
    t.app.ctx.jobs.register('test.always-fails', async () => {
      throw new Error('boom');
    });
    await t.app.ctx.db.transaction((tx) =>
      t.app.ctx.jobs.enqueue(tx, 'test.always-fails', {}, { maxAttempts: 1 }),
    );
    expect(await t.app.ctx.jobs.runDue()).toBeGreaterThanOrEqual(1);
    const { samples } = await scrape({ cookie: admin.cookie });
    expect(sampleValue(samples, 'carebase_job_failures_total', { kind: 'test.always-fails' })).toBe(1);
    expect(sampleValue(samples, 'carebase_jobs', { status: 'dead' })).toBeGreaterThanOrEqual(1);
  });

  it('reports the WebSocket clients of the events hub', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const socket = await connect(eventsUrl(t.app), { cookie: admin.cookie, origin: ORIGIN });
    try {
      const { samples } = await scrape({ cookie: admin.cookie });
      expect(sampleValue(samples, 'carebase_websocket_clients')).toBe(1);
    } finally {
      socket.ws.close();
      await socket.closed;
    }
    await expect
      .poll(async () =>
        sampleValue((await scrape({ cookie: admin.cookie })).samples, 'carebase_websocket_clients'),
      )
      .toBe(0);
  });
});
