// Admin signs in with the printed password → must replace it → must enrol TOTP → creates a doctor → the doctor signs in and
// sees only what doctors may see → the admin deactivates the doctor → the doctor's session stops working.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, totp } from './api-setup.ts';
import { launchBrowser, shooter, startServer } from './harness.ts';

const DOCTOR = { name: 'Dana Doctor', email: 'dana.doctor@example.org', password: 'amber-otter-lantern-42' };

async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('admin-creates-doctor');
  try {
    const admin = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await admin.goto(`${server.baseUrl}/`);
    await admin.waitForURL(/\/login/);
    await shot(admin, 'login-page');

    await signIn(admin, server.baseUrl, server.adminEmail, server.adminPassword);
    await admin.waitForURL(/\/change-password/);
    await shot(admin, 'password-change-required');
    await admin.getByLabel('Current password').fill(server.adminPassword);
    await admin.getByLabel('New password', { exact: true }).fill(ADMIN_PASSWORD);
    await admin.getByLabel('Repeat the new password').fill(ADMIN_PASSWORD);
    await admin.getByRole('button', { name: 'Change password' }).click();
    await admin.waitForURL(/\/mfa-setup/);
    await admin.getByAltText(/QR code/).waitFor();
    await shot(admin, 'mfa-enrolment-required');
    const secret = ((await admin.locator('.secret-code').textContent()) ?? '').replace(/\s+/g, '');
    await admin.getByLabel('6-digit code from the app').fill(totp(secret));
    await admin.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await admin.getByText('Save your recovery codes').waitFor();
    await shot(admin, 'recovery-codes');
    await admin.getByRole('button', { name: 'I saved them, continue' }).click();
    // The first administrator is then taken to the set-up guide; the journey goes on from the home page.
    await admin.getByRole('heading', { name: 'Set-up guide' }).waitFor();
    await admin.getByRole('link', { name: 'Home' }).click();
    await admin.getByRole('heading', { name: /Welcome/ }).waitFor();

    await admin.getByRole('link', { name: 'Users', exact: true }).click();
    await admin.getByRole('button', { name: 'New user' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Full name').fill(DOCTOR.name);
    await dialog.getByLabel('Email').fill(DOCTOR.email);
    await dialog.getByRole('combobox', { name: 'Roles' }).click();
    await admin.getByRole('option', { name: 'Doctor' }).click();
    await dialog.getByLabel('Initial password').fill(DOCTOR.password);
    await shot(admin, 'create-doctor-form');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await admin.getByRole('cell', { name: DOCTOR.email }).waitFor();
    await shot(admin, 'doctor-created');

    const doctorContext = await browser.newContext({ locale: 'en-US' });
    const doctor = await doctorContext.newPage();
    await signIn(doctor, server.baseUrl, DOCTOR.email, DOCTOR.password);
    await doctor.getByRole('heading', { name: /Welcome/ }).waitFor();
    const nav = doctor.getByRole('navigation');
    for (const hidden of ['Users', 'Roles', 'Audit trail', 'Clinic settings', 'Outbox', 'Jobs']) {
      assert.equal(
        await nav.getByRole('link', { name: hidden, exact: true }).count(),
        0,
        `doctor must not see ${hidden}`,
      );
    }
    await shot(doctor, 'doctor-home');
    await doctor.goto(`${server.baseUrl}/users`);
    await doctor.getByText(/do not have access/i).waitFor();
    await shot(doctor, 'doctor-refused-users');
    const direct = await doctor.request.get(`${server.baseUrl}/api/users`);
    assert.equal(direct.status(), 403);

    const row = admin.getByRole('row').filter({ hasText: DOCTOR.email });
    await row.getByRole('button', { name: `More actions for ${DOCTOR.name}` }).click();
    await admin.getByRole('menuitem', { name: 'Deactivate' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Inactive').waitFor();
    await admin.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot(admin, 'doctor-deactivated');

    const after = await doctor.request.get(`${server.baseUrl}/api/auth/me`);
    assert.equal(after.status(), 401, 'the deactivated doctor session must stop working');
    await doctor.reload();
    await doctor.waitForURL(/\/login/);
    await shot(doctor, 'doctor-signed-out');
  } finally {
    await browser.close();
    await server.stop();
  }
}
