import http from 'node:http';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp, type TestUser } from '../../../test/test-app.ts';
import { imagingModule } from '../imaging.module.ts';
import { makeDicom, newUid } from '../imaging-fixtures.ts';
import { orthancRoutes } from './orthanc.routes.ts';
import { type OrthancTestServer, startOrthanc } from './orthanc-test-server.ts';

/** Until imaging.module.ts mounts the Orthanc routes itself, a test file mounts them for its own app. */
export function mountOrthancRoutes(): void {
  if (imagingModule.routes?.some((r) => r.plugin === orthancRoutes)) return;
  imagingModule.routes = [...(imagingModule.routes ?? []), { plugin: orthancRoutes, prefix: '/api' }];
}

export type OrthancApi = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  user?: TestUser,
) => Promise<LightMyRequestResponse>;

/** Calls /api/imaging/orthanc… as `user` (by default the one given here). */
export function orthancApi(t: TestApp, defaultUser: () => TestUser): OrthancApi {
  return (method, url, payload, user = defaultUser()) =>
    t.request({
      method,
      url: `/api/imaging/orthanc${url}`,
      cookie: user.cookie,
      ...(payload ? { payload } : {}),
    });
}

/** A new study of `n` instances in one series, made here. */
export function makeStudy(n: number, patientName = 'Orthanc^Test'): { studyUid: string; files: Buffer[] } {
  const studyUid = newUid();
  const seriesUid = newUid();
  const files = Array.from({ length: n }, (_, i) =>
    makeDicom({
      studyUid,
      seriesUid,
      instanceNumber: i + 1,
      patientName,
      patientId: `OR-${studyUid.slice(-6)}`,
    }),
  );
  return { studyUid, files };
}

/**
 * The app and an Orthanc, started side by side. Whichever started is handed to `keep` before a failure of the
 * other is thrown, so afterAll can still stop it (no Orthanc left running).
 */
export async function startTestbed(keep: (started: { t?: TestApp; orthanc?: OrthancTestServer }) => void) {
  const [app, server] = await Promise.allSettled([
    createTestApp({ loginRateLimitPerMinute: 1000 }),
    startOrthanc(),
  ]);
  keep({
    ...(app.status === 'fulfilled' ? { t: app.value } : {}),
    ...(server.status === 'fulfilled' ? { orthanc: server.value } : {}),
  });
  for (const result of [app, server]) if (result.status === 'rejected') throw result.reason;
}

export type FaultyProxy = { url: string; close(): Promise<void> };

/**
 * A loopback HTTP proxy in front of a real Orthanc that answers 500 instead of forwarding the requests
 * `fails` picks: a transfer that breaks in the middle of a page of changes, on demand.
 */
export function faultyProxy(target: string, fails: (url: string) => boolean): Promise<FaultyProxy> {
  const server = http.createServer((req, res) => {
    if (fails(req.url ?? '')) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Message: 'injected fault' }));
      return;
    }
    const upstream = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
