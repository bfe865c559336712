import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');

export type Server = {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  output: () => string;
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface StartOptions {
  /**
   * A data directory to share with another instance (the caller removes it). Without one, a fresh directory that
   * stop() removes.
   */
  dataDir?: string;
  /**
   * False for a further instance on a database that already has its admin: nothing is printed then, so it is
   * ready when it answers. The admin's email and password are empty.
   */
  firstAdmin?: boolean;
}

/** Asks the public settings until the server answers, for instances that print no admin password. */
async function untilAnswering(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`server did not answer in time:\n${output()}`);
    const ok = await fetch(`${baseUrl}/api/settings/public`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts Carebase as a user would (the CLI), on a fresh data directory unless `options` shares one, and reads
 * the printed admin password. `extraEnv` adds or overrides settings (DATABASE_URL for PostgreSQL).
 */
export async function startServer(
  extraEnv: Record<string, string> = {},
  options: StartOptions = {},
): Promise<Server> {
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'server/bin/carebase.mjs'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS_POLL_MS: '200',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const baseUrl = `http://localhost:${port}`;
  if (options.firstAdmin === false) await untilAnswering(baseUrl, child, () => out);
  const deadline = Date.now() + 60_000;
  while (options.firstAdmin !== false && !/password:\s+(\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not print the admin password in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const adminPassword = /password:\s+(\S+)/.exec(out)?.[1] ?? '';
  const adminEmail = /email:\s+(\S+)/.exec(out)?.[1] ?? '';
  return {
    baseUrl,
    adminEmail,
    adminPassword,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Screenshots are kept as artifacts of the journey, one per step, numbered in order. */
export function shooter(journey: string) {
  const dir = path.join(ARTIFACTS, journey);
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, step: string) => {
    n++;
    await page.screenshot({
      path: path.join(dir, `${String(n).padStart(2, '0')}-${step}.png`),
      fullPage: true,
    });
  };
}

/**
 * Shoots the page on a phone (390×844) and on a full-HD screen as well as at the journey's 1366×768, and fails
 * when the page is wider than the screen (a sideways scroll). Leaves the page at 1366×768.
 */
export async function otherScreens(
  page: Page,
  shot: (page: Page, step: string) => Promise<void>,
  name: string,
) {
  for (const [size, width, height] of [
    ['phone', 390, 844],
    ['full-hd', 1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    // The menu slides away when the screen narrows: let it settle before judging the width.
    await page.waitForTimeout(500);
    // Shoot from the top, with no focus ring left on the skip link or a button from the last click.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      (document.activeElement as HTMLElement | null)?.blur();
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} is ${overflow} px wider than a ${width} px screen`);
    await shot(page, `${name}-${size}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/**
 * A new browser window (English, 1366×768 unless `context` says otherwise) signed in as this user, on the home
 * page. `otp` answers the second step (a TOTP or recovery code) for users with two-factor authentication.
 */
export async function signedIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  options: { otp?: string; context?: BrowserContextOptions } = {},
): Promise<Page> {
  const page = await (
    await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 }, ...options.context })
  ).newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (options.otp) {
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    await code.fill(options.otp);
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  return page;
}
