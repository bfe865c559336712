import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { NO_ROUTE, WEB_APP_ROUTE } from '../monitoring/request-window.ts';
import { HASHED_ASSET_CACHE } from './web-app.ts';

// A built web app in miniature: a hashed script with the brotli and gzip copies the build writes, a
// hashed file too small to have copies, the shell and an unhashed public file.
const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(500))};\n`;
const SHELL =
  '<!doctype html><title>Carebase</title><script type="module" src="/assets/index-4f2a9c.js"></script>';

let t: TestApp;
let webDist: string;

beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-web-'));
  const file = (name: string, data: string | Buffer) => fs.writeFileSync(path.join(webDist, name), data);
  fs.mkdirSync(path.join(webDist, 'assets'));
  file('index.html', SHELL);
  file('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  file('assets/index-4f2a9c.js', SCRIPT);
  file('assets/index-4f2a9c.js.br', zlib.brotliCompressSync(SCRIPT));
  file('assets/index-4f2a9c.js.gz', zlib.gzipSync(SCRIPT));
  file('assets/tiny-77b1e0.js', 'export {};\n');
  t = await createTestApp({ webDist });
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  t.request({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the web app', () => {
  it('sends the brotli copy of a hashed asset to a browser that accepts it, cached for a year', async () => {
    const res = await get('/assets/index-4f2a9c.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(HASHED_ASSET_CACHE);
    expect(HASHED_ASSET_CACHE).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBeLessThan(SCRIPT.length / 10);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy when only gzip is accepted', async () => {
    const res = await get('/assets/index-4f2a9c.js', 'gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(HASHED_ASSET_CACHE);
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends the file itself when no encoding is accepted, still varying on Accept-Encoding', async () => {
    for (const accept of [undefined, 'identity']) {
      const res = await get('/assets/index-4f2a9c.js', accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe(HASHED_ASSET_CACHE);
      expect(res.body).toBe(SCRIPT);
    }
  });

  it('sends a file without compressed copies as it is, whatever is accepted', async () => {
    const res = await get('/assets/tiny-77b1e0.js', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(HASHED_ASSET_CACHE);
    expect(res.body).toBe('export {};\n');
  });

  it('does not serve the compressed copies under their own names', async () => {
    const res = await get('/assets/index-4f2a9c.js.br', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('has index.html and the unhashed files revalidated on every load', async () => {
    const index = await get('/index.html', 'br, gzip');
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toBe(SHELL);
    const icon = await get('/favicon.svg', 'br, gzip');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers client-side routes with the shell, revalidated on every load', async () => {
    for (const url of ['/', '/patients/0b5e6a1c?tab=vitals', '/login']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(SHELL);
    }
  });

  it('answers a missing asset and an unknown API path with a 404 problem, never the shell', async () => {
    for (const url of ['/assets/index-0ld0ld.js', '/api/no-such-thing', '/api']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
    }
  });

  it('counts the web app files and pages as one route in the monitoring figures, API routes by pattern', async () => {
    for (const url of [
      '/assets/index-4f2a9c.js',
      '/assets/nope-000000.js',
      '/patients/123',
      '/healthz',
      '/api/nothing/here',
    ])
      await get(url);
    const routes = t.app.requests.routeFigures().map((r) => `${r.method} ${r.route}`);
    expect(routes).toContain(`GET ${WEB_APP_ROUTE}`);
    expect(routes.some((r) => r.includes('/assets/') || r.includes('/patients/'))).toBe(false);
    expect(routes).toContain('GET /healthz');
    expect(routes).toContain(`GET ${NO_ROUTE}`);
  });
});
