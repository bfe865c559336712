// The administrator opens Backups on a new clinic: no verified backup yet, shown as overdue. "Back up now" starts
// one; without reloading, the page follows it on a live progress bar through its phases, and the new row
// reaches "Verified". The row opens the backup's detail with the rows per table. The schedule card shows the
// default (02:00, keep 7 days, 4 weeks, 12 months); a second time and a longer retention are saved and are still
// there after a reload. Shot in English and Spanish, on a phone and a large screen.
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, adminSession } from './api-setup.ts';
import { launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PHASES = ['Copying the database', 'Copying the files', 'Writing the manifest', 'Verifying the copy'];

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('backups');
  try {
    const { recoveryCode } = await adminSession(server);
    const page = await signedIn(browser, server.baseUrl, server.adminEmail, ADMIN_PASSWORD, {
      otp: recoveryCode,
    });
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
    await page.getByText('No backups yet.').waitFor();
    await page.getByText('None yet').waitFor();
    await page.getByText('Overdue', { exact: true }).waitFor();
    await shot(page, 'no-backup-yet');

    const start = page.getByRole('button', { name: 'Back up now' });
    await start.click();
    const bar = page.getByRole('progressbar', { name: 'Backup progress' });
    await bar.waitFor();
    assert.ok(await start.isDisabled(), '"Back up now" is disabled while a backup runs');
    await page.getByRole('row').filter({ hasText: 'Running' }).waitFor();
    await shot(page, 'running');

    // Watch the bar until the backup is done: the phases it shows come from the server's events.
    const verified = page.getByRole('row').filter({ hasText: 'Verified' });
    const seen = new Set<string>();
    const deadline = Date.now() + 60_000;
    const failed = page.getByRole('row').filter({ hasText: 'Failed' });
    while (!(await verified.isVisible())) {
      if (await failed.isVisible()) {
        await shot(page, 'failed');
        assert.fail(`the backup failed: ${await failed.innerText()}`);
      }
      assert.ok(Date.now() < deadline, `the backup was not verified within 60 s (phases seen: ${[...seen]})`);
      const text = await bar.getAttribute('aria-valuetext', { timeout: 500 }).catch(() => null);
      const phase = PHASES.find((name) => text?.startsWith(name));
      if (phase) seen.add(phase);
      await page.waitForTimeout(100);
    }
    assert.ok(seen.size > 0, 'the progress bar named at least one phase');
    await bar.waitFor({ state: 'detached' });
    assert.ok(await start.isEnabled(), '"Back up now" is enabled again once the backup is done');

    const row = await verified.innerText();
    assert.match(row, /Manual/);
    assert.doesNotMatch(row, /—\s+—/, 'a verified backup has a size and a duration');
    await page.getByText(/^(Just now|\d+ min ago)$/).waitFor();
    await page.getByText('100%', { exact: true }).waitFor();
    assert.equal(await page.getByText('Overdue', { exact: true }).count(), 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await shot(page, 'verified');

    // By keyboard: the start time opens the detail, with the rows per table.
    await verified.getByRole('button', { name: /^Open the backup started/ }).focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: /^Backup of/ });
    await drawer.getByRole('heading', { name: 'Rows per table' }).waitFor();
    const users = await drawer.getByRole('row').filter({ hasText: 'public.users' }).innerText();
    assert.match(users, /public\.users\s+[1-9]/, 'the admin is counted in public.users');
    // The download is one tar file, named after the backup.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByRole('link', { name: 'Download (.tar)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^carebase-backup-\d{8}T\d{6}Z-[0-9a-f]{8}\.tar$/);
    await page.waitForTimeout(400); // the drawer slides in
    await shot(page, 'detail');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // A full-page shot of a scrolled page leaves the header where it was: shoot from the top, with no focus ring.
    const fromTheTop = () =>
      page.evaluate(() => {
        window.scrollTo(0, 0);
        (document.activeElement as HTMLElement | null)?.blur();
      });

    // The schedule: the default time and retention, then a second time and a longer daily retention.
    const schedule = page.getByRole('region', { name: 'Schedule' });
    assert.equal(await schedule.getByLabel('Backup time 1', { exact: true }).inputValue(), '02:00');
    await schedule.getByText('Next scheduled backup:').waitFor();
    await schedule
      .getByText('Keeps the newest backup of each of the last 7 days, 4 weeks, and 12 months.')
      .waitFor();
    await schedule.getByRole('button', { name: 'Add a time' }).click();
    const second = schedule.getByLabel('Backup time 2', { exact: true });
    assert.equal(await second.inputValue(), '14:00', 'a new time is offered twelve hours after the first');
    await second.fill('02:00');
    const save = schedule.getByRole('button', { name: 'Save schedule' });
    await save.click();
    await schedule.getByText('This time is already in the list.').waitFor();
    await fromTheTop();
    await shot(page, 'schedule-duplicate');
    await second.fill('1430');
    await second.press('Tab');
    assert.equal(await second.inputValue(), '14:30', 'a time typed as 1430 is written 14:30');
    await schedule.getByLabel('Days', { exact: true }).fill('14');
    await schedule.getByLabel('Months', { exact: true }).fill('6');
    await schedule
      .getByText('Keeps the newest backup of each of the last 14 days, 4 weeks, and 6 months.')
      .waitFor();
    await save.click();
    await page.getByText('The backup schedule is saved.').waitFor();
    assert.ok(await save.isDisabled(), 'nothing is left to save');
    await fromTheTop();
    await shot(page, 'schedule-saved');

    await page.reload();
    await schedule.getByLabel('Backup time 2', { exact: true }).waitFor();
    assert.equal(await schedule.getByLabel('Backup time 1', { exact: true }).inputValue(), '02:00');
    assert.equal(await schedule.getByLabel('Backup time 2', { exact: true }).inputValue(), '14:30');
    assert.equal(await schedule.getByLabel('Days', { exact: true }).inputValue(), '14');
    assert.equal(await schedule.getByLabel('Weeks', { exact: true }).inputValue(), '4');
    assert.equal(await schedule.getByLabel('Months', { exact: true }).inputValue(), '6');
    const stored = await page.request.get(`${server.baseUrl}/api/settings/system`);
    const body = (await stored.json()) as { backups: unknown };
    assert.deepEqual(body.backups, {
      times: ['02:00', '14:30'],
      retention: { daily: 14, weekly: 4, monthly: 6 },
    });

    // With no times left, the card says scheduled backups are off; discarding brings the times back.
    await schedule.getByRole('button', { name: 'Remove backup time 2' }).click();
    await schedule.getByRole('button', { name: 'Remove backup time 1' }).click();
    await schedule.getByText(/^Scheduled backups are off/).waitFor();
    await shot(page, 'schedule-off-unsaved');
    await schedule.getByRole('button', { name: 'Discard changes' }).click();
    assert.equal(await schedule.getByLabel('Backup time 2', { exact: true }).inputValue(), '14:30');

    await otherScreens(page, shot, 'backups');

    const origin = server.baseUrl;
    const lang = await page.request.patch(`${origin}/api/settings/me`, {
      data: { language: 'es' },
      headers: { origin },
    });
    assert.equal(lang.status(), 200, await lang.text());
    await page.reload();
    await page.getByRole('heading', { name: 'Copias de seguridad', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Verificada' }).waitFor();
    await shot(page, 'verified-es');
  } finally {
    await browser.close();
    await server.stop();
  }
}
