import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { sendNotFound } from './problem.ts';
import { publicScope } from './route-access.ts';

/** Vite names every file under assets/ by its content hash: a new build means new names. */
export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** The shell (and the few unhashed files, such as the favicon) is revalidated on every load. */
export const REVALIDATE = 'no-cache';

const ASSETS_PREFIX = '/assets/';

function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url === '/metrics';
}

/** A request for the web app's files or its shell (a client-side route), as opposed to one for the API. */
export function isWebAppRequest(method: string, url: string, matchedRoute: boolean): boolean {
  const pathOnly = url.split('?')[0] ?? '';
  return pathOnly.startsWith(ASSETS_PREFIX) || (method === 'GET' && !matchedRoute && !isApiPath(pathOnly));
}

/**
 * Serves the built web app from `webDist`: its files, each in the brotli or gzip copy the build made
 * (web/vite-precompress.ts) when the browser accepts it, and the single-page app's shell (index.html)
 * for every other GET outside the API, so client-side routes load. Everything else that matches no
 * route is a problem+json 404. Without a build the API works alone, with a warning.
 */
export async function registerWebApp(
  app: FastifyInstance,
  opts: { webDist: string; log: FastifyBaseLogger },
): Promise<void> {
  const indexHtml = path.join(opts.webDist, 'index.html');
  // The shell is small and the same for every client-side route: read it once.
  const shell = fs.existsSync(indexHtml) ? fs.readFileSync(indexHtml) : null;
  if (shell) {
    const assetsDir = path.join(opts.webDist, 'assets') + path.sep;
    await app.register(async (scope) => {
      publicScope(scope);
      await scope.register(fastifyStatic, {
        root: opts.webDist,
        wildcard: false,
        index: false,
        preCompressed: true,
        // The compressed copies are chosen by Accept-Encoding, not requested by name.
        globIgnore: ['**/*.br', '**/*.gz'],
        cacheControl: false,
        setHeaders: (reply, file) => {
          reply.header('cache-control', file.startsWith(assetsDir) ? HASHED_ASSET_CACHE : REVALIDATE);
        },
      });
    });
  } else {
    opts.log.warn(
      `The web app is not built (${indexHtml} is missing): run "npm run build". The API works without it.`,
    );
  }
  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    // A missing asset (an old build's name) is a 404, not the shell: a script must not get HTML.
    if (shell && request.method === 'GET' && !isApiPath(url) && !url.startsWith(ASSETS_PREFIX)) {
      // Client-side routes of the single-page app all load the same shell.
      return reply.header('cache-control', REVALIDATE).type('text/html; charset=utf-8').send(shell);
    }
    return sendNotFound(request, reply);
  });
}
