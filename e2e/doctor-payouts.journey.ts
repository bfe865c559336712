// A patient pays for a consultation; the doctor sees their share on their home page. The accountant opens the
// doctor payouts, pays part of what is owed from the keyboard, is stopped before paying more than the rest,
// reads the doctor's statement and downloads it as a PDF. The doctor's card follows without reloading.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { adminApi, call, createStaff } from './api-setup.ts';
import { ARTIFACTS, launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'ledger-copper-harbour-19';

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('doctor-payouts');
  try {
    const api = await adminApi(server);
    await call(api, 'patch', '/api/settings/system', { currency: 'EUR', country: 'ES' });
    await createStaff(api, {
      name: 'Ada Accountant',
      email: 'ada@example.org',
      password: PASSWORD,
      roles: ['accountant'],
    });
    const doctor = await createStaff(api, {
      name: 'Dario Doctor',
      email: 'dario@example.org',
      password: PASSWORD,
      roles: ['doctor'],
      licenceNumber: 'MED-7',
    });
    const item = await call<{ id: string }>(api, 'post', '/api/billing/price-list', {
      code: 'CONS',
      kind: 'consultation',
      nameEn: 'Consultation',
      nameEs: 'Consulta',
      priceMinor: 50_00,
      doctorShare: { kind: 'percent', basisPoints: 6000 },
    });
    const patient = await call<{ id: string }>(api, 'post', '/api/patients', {
      givenName: 'Lucía',
      familyName: 'Muñoz',
      sex: 'female',
      birthDate: '1990-04-12',
      confirmDuplicate: true,
    });
    const draft = await call<{ id: string }>(api, 'post', '/api/invoices', {
      patientId: patient.id,
      lines: [{ priceItemId: item.id, quantity: 1, providerId: doctor.id }],
    });
    const issued = await call<{ totalMinor: number }>(
      api,
      'post',
      `/api/invoices/${draft.id}/issue`,
      undefined,
    );
    await call(api, 'post', '/api/payments', {
      patientId: patient.id,
      method: 'card',
      amountMinor: issued.totalMinor,
      invoiceIds: [draft.id],
    });

    const home = await signedIn(browser, server.baseUrl, 'dario@example.org', PASSWORD);
    const card = home.locator('section', {
      has: home.getByRole('heading', { name: 'My earnings this month' }),
    });
    await card.getByText('€30.00').first().waitFor();
    await card.getByRole('img', { name: /1 days with earnings, €30\.00 in all/ }).waitFor();
    await shot(home, 'doctor-home');

    const page = await signedIn(browser, server.baseUrl, 'ada@example.org', PASSWORD);
    await page.getByRole('link', { name: 'Doctor payouts', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'Dario Doctor' });
    assert.match(await row.innerText(), /Dario Doctor[\s\S]*€30\.00[\s\S]*€0\.00[\s\S]*€30\.00/);
    await shot(page, 'balances');

    // From the keyboard: focus the row's Pay button, open the dialog, type the amount, submit with Enter.
    await row.getByRole('button', { name: 'Record a payout to Dario Doctor' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Record a payout' });
    await dialog.getByText('Owed now: €30.00').waitFor();
    const amount = dialog.getByLabel(/^Amount/);
    await amount.fill('12.50');
    await dialog.getByLabel(/^Reference/).fill('TRF-9');
    await shot(page, 'record-payout');
    await amount.press('Enter');
    await page.getByText('€12.50 paid out to Dario Doctor').waitFor();
    await row.getByText('€17.50').waitFor();

    // The doctor's card followed through the event socket.
    await card.getByText('€17.50').waitFor();

    // More than is owed is stopped in the dialog.
    await row.getByRole('button', { name: 'Record a payout to Dario Doctor' }).click();
    await dialog.getByLabel(/^Amount/).fill('20');
    await dialog.getByRole('button', { name: 'Record payout' }).click();
    await dialog.getByText('Must not be more than what is owed (€17.50)').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await row.getByRole('button', { name: 'Statement of Dario Doctor' }).click();
    const drawer = page.getByRole('dialog', { name: 'Statement of Dario Doctor' });
    await drawer.getByRole('row').filter({ hasText: 'Muñoz' }).getByText('€30.00').first().waitFor();
    await drawer.getByRole('row').filter({ hasText: 'TRF-9' }).getByText('€12.50').waitFor();
    // Let the drawer finish sliding in (and the toast go) before the picture.
    await page.waitForTimeout(600);
    await shot(page, 'statement');
    const href = await drawer.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    assert.ok(href);
    const pdf = await page.request.get(`${server.baseUrl}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    fs.writeFileSync(path.join(ARTIFACTS, 'doctor-payouts', 'statement.pdf'), await pdf.body());
    await page.keyboard.press('Escape');
    await otherScreens(page, shot, 'payouts');
  } finally {
    await browser.close();
    await server.stop();
  }
}
