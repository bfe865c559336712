// Two Carebase instances run on one scratch PostgreSQL database and one data folder, with alerts evaluated every
// 2 s. The administrator opens Monitoring: the Instances tab lists both instances up; the Alerts tab shows the
// stale-backup alert firing (a new clinic has no verified backup), also counted in the header. Every tab keeps
// its place in the address across a reload. The admin backs up from the Backups page, waits for "Verified",
// comes back and sees the alert resolved in the history. Shot tab by tab in English, once in Spanish, and on a
// phone and a full-HD screen.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, adminSession } from './api-setup.ts';
import { launchBrowser, otherScreens, type Server, shooter, signedIn, startServer } from './harness.ts';

const POSTGRES = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of its own for this run, next to the maintenance database POSTGRES names. */
function scratchDatabase(): { url: string; drop: () => void } {
  const name = `carebase_e2e_monitoring_${process.pid}_${Date.now()}`;
  execFileSync('psql', [POSTGRES, '-qc', `CREATE DATABASE ${name}`]);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => execFileSync('psql', [POSTGRES, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

async function openTab(page: Page, name: string, param: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.waitForURL((url) => (url.searchParams.get('tab') ?? 'overview') === param);
}

/** Shoots from the top with no focus ring left from the last click. */
async function fromTheTop(page: Page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur();
  });
}

export async function run(): Promise<void> {
  const database = scratchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-e2e-monitoring-'));
  const env = { DATABASE_URL: database.url, MONITORING_INTERVAL_MS: '2000' };
  const servers: Server[] = [];
  const shot = shooter('monitoring');
  const browser = await launchBrowser();
  try {
    const first = await startServer(env, { dataDir });
    servers.push(first);
    servers.push(await startServer(env, { dataDir, firstAdmin: false }));
    const { recoveryCode } = await adminSession(first);
    const page = await signedIn(browser, first.baseUrl, first.adminEmail, ADMIN_PASSWORD, {
      otp: recoveryCode,
    });

    await page.getByRole('link', { name: 'Monitoring', exact: true }).click();
    await page.getByRole('heading', { name: 'Monitoring', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    // The tabs work by keyboard: the arrow keys move to the next tab and open it.
    await page.getByRole('tab', { name: 'Overview' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'Instances', selected: true }).waitFor();

    // Instances: both processes report on the one database.
    await openTab(page, 'Instances', 'instances');
    const upRows = page.getByRole('row').filter({ has: page.getByText('Up', { exact: true }) });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('tbody tr')].filter((row) =>
          [...row.querySelectorAll('td')].some((cell) => cell.textContent === 'Up'),
        ).length === 2,
      undefined,
      { timeout: 20_000 },
    );
    assert.equal(await upRows.count(), 2, 'two instances are up');
    await page.reload();
    await page.getByRole('tab', { name: 'Instances', selected: true }).waitFor();
    await upRows.nth(1).waitFor();
    await fromTheTop(page);
    await shot(page, 'instances');

    // Alerts: no backup was ever verified, so the stale-backup rule fires (evaluated every 2 s here).
    await openTab(page, 'Alerts', 'alerts');
    const firingNow = page.getByRole('region', { name: 'Firing now' });
    await firingNow.getByText('There is no verified backup', { exact: false }).waitFor({ timeout: 30_000 });
    await firingNow.getByText('Backup too old').waitFor();
    const indicator = page.getByRole('link', { name: /^1 alert firing/ });
    await indicator.waitFor();
    const rules = page.getByRole('region', { name: 'Rules' });
    await rules.getByRole('switch', { name: 'Watch: Backup too old' }).waitFor();
    assert.equal(await rules.getByLabel('Threshold of Backup too old (h)').inputValue(), '26');
    await fromTheTop(page);
    await shot(page, 'alerts-firing');

    // The other tabs, each with what it is about.
    await openTab(page, 'Overview', 'overview');
    await page
      .getByRole('region', { name: 'Alerts firing' })
      .getByText('There is no verified backup', { exact: false })
      .waitFor();
    await page.getByText('Instances up').waitFor();
    await fromTheTop(page);
    await shot(page, 'overview');

    await openTab(page, 'Database', 'database');
    await page.getByText('PostgreSQL', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Largest tables' }).getByRole('row').nth(1).waitFor();
    await fromTheTop(page);
    await shot(page, 'database');

    await openTab(page, 'Application', 'application');
    const routes = page.getByRole('region', { name: 'Requests by route' });
    await routes.waitFor();
    await routes.getByRole('button', { name: 'Server errors' }).waitFor({ timeout: 30_000 });
    await fromTheTop(page);
    await shot(page, 'application');

    // Activity: the admin's own sign-in is counted, and its total opens the audit trail filtered to sign-ins.
    await openTab(page, 'Activity', 'activity');
    const signIns = page.getByRole('link', { name: /^[1-9]\d* Sign-ins: open in the audit trail$/ });
    await signIns.waitFor({ timeout: 15_000 });
    await fromTheTop(page);
    await shot(page, 'activity');
    await signIns.click();
    await page.waitForURL(
      (url) =>
        url.pathname === '/audit' &&
        url.searchParams.get('action') === 'auth.login' &&
        url.searchParams.has('from'),
    );
    await page.getByRole('row').filter({ hasText: 'auth.login' }).first().waitFor();
    await page.goBack();
    await page.getByRole('tab', { name: 'Activity', selected: true }).waitFor();

    // A backup, taken and verified on the Backups page, resolves the alert.
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    const verified = page.getByRole('row').filter({ hasText: 'Verified' });
    const failed = page.getByRole('row').filter({ hasText: 'Failed' });
    await verified.or(failed).first().waitFor({ timeout: 90_000 });
    assert.equal(await failed.count(), 0, `the backup failed: ${await failed.allInnerTexts()}`);

    await indicator.click();
    await page.getByRole('tab', { name: 'Alerts', selected: true }).waitFor();
    const resolved = page
      .getByRole('region', { name: 'History' })
      .getByRole('row')
      .filter({ hasText: 'Backup too old' })
      .filter({ hasText: 'Resolved' });
    await resolved.waitFor({ timeout: 30_000 });
    await page
      .getByRole('region', { name: 'Firing now' })
      .getByText('No alert is firing.', { exact: false })
      .waitFor();
    assert.equal(await indicator.count(), 0, 'the header shows no firing alert once it resolved');
    await fromTheTop(page);
    await shot(page, 'alerts-resolved');

    // A rule's threshold is changed and saved, and stays changed after a reload.
    const certificates = page.getByLabel('Threshold of Certificates waiting (h)');
    await certificates.fill('48');
    await page
      .getByRole('region', { name: 'Rules' })
      .getByRole('row')
      .filter({ hasText: 'Certificates waiting' })
      .getByRole('button', { name: 'Save' })
      .click();
    await page.getByText('The rule “Certificates waiting” is saved.').waitFor();
    await page.reload();
    await certificates.waitFor();
    assert.equal(await certificates.inputValue(), '48');

    await openTab(page, 'Overview', 'overview');
    await otherScreens(page, shot, 'monitoring');

    const origin = first.baseUrl;
    const lang = await page.request.patch(`${origin}/api/settings/me`, {
      data: { language: 'es' },
      headers: { origin },
    });
    assert.equal(lang.status(), 200, await lang.text());
    await page.goto(`${origin}/monitoring?tab=instances`);
    await page.getByRole('heading', { name: 'Monitorización', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Instancias', selected: true }).waitFor();
    await page.getByText('En marcha', { exact: true }).first().waitFor();
    await fromTheTop(page);
    await shot(page, 'instances-es');
  } finally {
    await browser.close();
    for (const server of servers.reverse()) await server.stop();
    database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
