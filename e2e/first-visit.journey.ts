// Someone opens Carebase for the first time → the sign-in page arrives small: its JavaScript comes
// compressed with brotli and within the budget below, the page itself is revalidated on every load → a
// second visit downloads no JavaScript at all, since the hashed files are cached for good.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchBrowser, shooter, startServer } from './harness.ts';

/** JavaScript of the sign-in page as transferred (compressed, with response headers), at most. */
const SIGN_IN_JS_BUDGET = 250 * 1024;

type Transfer = {
  url: string;
  type: string;
  encoding: string;
  cacheControl: string;
  /** Bytes over the network, headers included (DevTools' "Transferred"); 0 when served from cache. */
  transferred: number;
  /** Bytes after decoding. */
  decoded: number;
  fromCache: boolean;
};

type CdpResponse = { url: string; headers: Record<string, string>; fromDiskCache?: boolean };

function header(headers: Record<string, string>, name: string): string {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? (headers[key] ?? '') : '';
}

/** Records every response of the page through the Chrome DevTools protocol, as DevTools' network panel would. */
async function recordTransfers(page: Page): Promise<() => Transfer[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const byId = new Map<string, Transfer>();
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: CdpResponse }) => {
    byId.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      encoding: header(e.response.headers, 'content-encoding'),
      cacheControl: header(e.response.headers, 'cache-control'),
      transferred: 0,
      decoded: 0,
      fromCache: Boolean(e.response.fromDiskCache),
    });
  });
  cdp.on('Network.requestServedFromCache', (e: { requestId: string }) => {
    const t = byId.get(e.requestId);
    if (t) t.fromCache = true;
  });
  cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
    const t = byId.get(e.requestId);
    if (t) t.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    const t = byId.get(e.requestId);
    if (t) t.transferred = e.encodedDataLength;
  });
  return () => [...byId.values()];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('first-visit');
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const transfers = await recordTransfers(page);
    await page.goto(`${server.baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(page, 'sign-in-page');

    const all = transfers();
    const scripts = all.filter((t) => t.type === 'Script');
    const transferred = scripts.reduce((sum, t) => sum + t.transferred, 0);
    const decoded = scripts.reduce((sum, t) => sum + t.decoded, 0);
    console.log(
      `  sign-in page JavaScript: ${scripts.length} files, ${kb(transferred)} transferred ` +
        `(${kb(decoded)} uncompressed; budget ${kb(SIGN_IN_JS_BUDGET)})`,
    );
    assert.ok(scripts.length > 0, 'the sign-in page loaded no JavaScript');
    for (const t of scripts) {
      // The build keeps no compressed copy of a file of a few hundred bytes.
      if (t.decoded >= 256) assert.equal(t.encoding, 'br', `${t.url} was not sent with brotli`);
      assert.equal(t.cacheControl, 'public, max-age=31536000, immutable', `${t.url} cache-control`);
    }
    assert.ok(transferred <= SIGN_IN_JS_BUDGET, `the sign-in page's JavaScript is ${kb(transferred)}`);
    const shell = all.find((t) => t.type === 'Document');
    assert.equal(shell?.cacheControl, 'no-cache', 'the page itself must be revalidated on every load');

    // A second visit in the same browser: the hashed files come from its cache, without a request.
    const again = await context.newPage();
    const againTransfers = await recordTransfers(again);
    await again.goto(`${server.baseUrl}/login`, { waitUntil: 'networkidle' });
    await again.getByRole('button', { name: 'Sign in' }).waitFor();
    const againScripts = againTransfers().filter((t) => t.type === 'Script');
    assert.ok(againScripts.length > 0, 'the second visit loaded no JavaScript');
    for (const t of againScripts) assert.ok(t.fromCache, `${t.url} was downloaded again`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
