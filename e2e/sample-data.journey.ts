// A new clinic tries Carebase on a demo clinic: the admin loads the sample data from the set-up guide, sees its
// patients marked in the list, its appointments in the calendar and its waiting patients at the front desk, and
// a reminder on the home page; then removes it all in one action, and the clinic is empty again.
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, adminSession } from './api-setup.ts';
import { launchBrowser, shooter, signedIn, startServer } from './harness.ts';

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('sample-data');
  try {
    const { api, recoveryCode } = await adminSession(server);
    const admin = await signedIn(browser, server.baseUrl, server.adminEmail, ADMIN_PASSWORD, {
      otp: recoveryCode,
    });

    await admin.goto(`${server.baseUrl}/setup/sample`);
    await admin.getByRole('heading', { name: 'Sample data' }).waitFor();
    await shot(admin, 'step-before-loading');
    await admin.getByRole('button', { name: 'Load sample data' }).click();
    await admin.getByText('Sample data is loaded', { exact: true }).waitFor();
    await admin.getByText('12 patients').first().waitFor();
    await shot(admin, 'step-loaded');

    // The sample patients carry a badge in the list; the names say so too.
    await admin.goto(`${server.baseUrl}/patients`);
    const rows = admin.getByRole('row').filter({ hasText: '(sample)' });
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 10, 'the patients list shows the sample patients');
    assert.ok(await rows.first().getByText('Sample', { exact: true }).isVisible());
    await shot(admin, 'patients-marked');

    await admin.goto(`${server.baseUrl}/front-desk`);
    await admin.getByText('(sample)').first().waitFor();
    await shot(admin, 'front-desk');
    await admin.goto(`${server.baseUrl}/calendar`);
    await admin
      .getByRole('button', { name: /\(sample\)/ })
      .first()
      .waitFor();
    await shot(admin, 'calendar');

    await admin.goto(`${server.baseUrl}/`);
    const reminder = admin.getByText('Sample data is loaded: the demo clinic');
    await reminder.waitFor();
    await shot(admin, 'home-reminder');

    // One action removes it, after a confirmation that says what goes.
    await admin.getByRole('link', { name: 'Remove sample data' }).click();
    await admin.getByRole('button', { name: 'Remove sample data' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Remove the sample data?' });
    await confirm.getByText('12 patients').waitFor();
    await shot(admin, 'confirm-removal');
    await confirm.getByRole('button', { name: 'Remove sample data' }).click();
    await admin.getByText('Sample data removed.').waitFor();
    await admin.getByRole('button', { name: 'Load sample data' }).waitFor();

    const left = await (await api.get('/api/patients?limit=100')).json();
    assert.deepEqual(left.items, [], 'no patient is left');
    await admin.goto(`${server.baseUrl}/`);
    await admin.getByRole('heading', { name: /Welcome/ }).waitFor();
    assert.equal(await reminder.count(), 0, 'the home page no longer mentions sample data');
  } finally {
    await browser.close();
    await server.stop();
  }
}
