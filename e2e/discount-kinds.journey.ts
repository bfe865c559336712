// The accountant sets up the clinic's discounts: a senior citizen discount of 20 % that cashiers grant with a
// reason, borne by the clinic, and a staff discount of a fixed amount, later retired. The front desk, with the
// page open, sees both arrive without reloading but cannot change them. Shot in English and Spanish.
import assert from 'node:assert/strict';
import { adminApi, call, createStaff } from './api-setup.ts';
import { launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'amber-discount-lantern-41';

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('discount-kinds');
  try {
    const api = await adminApi(server);
    await call(api, 'patch', '/api/settings/system', { currency: 'EUR', country: 'ES' });
    for (const [name, email, role] of [
      ['Ada Accountant', 'ada@example.org', 'accountant'],
      ['Rita Reception', 'rita@example.org', 'receptionist'],
    ] as const)
      await createStaff(api, { name, email, password: PASSWORD, roles: [role] });

    const desk = await signedIn(browser, server.baseUrl, 'rita@example.org', PASSWORD);
    await desk.getByRole('link', { name: 'Discount kinds', exact: true }).click();
    await desk.getByText('No discount kinds yet').waitFor();
    assert.equal(await desk.getByRole('button', { name: 'New discount kind' }).count(), 0);

    const page = await signedIn(browser, server.baseUrl, 'ada@example.org', PASSWORD);
    await page.getByRole('link', { name: 'Discount kinds', exact: true }).click();
    await page.getByRole('button', { name: 'New discount kind' }).click();
    const dialog = page.getByRole('dialog', { name: 'New discount kind' });
    await dialog.getByLabel(/^Code/).fill('sc');
    await dialog.getByLabel(/^Name in English/).fill('Senior citizen');
    await dialog.getByLabel(/^Name in Spanish/).fill('Adulto mayor');
    await dialog.getByLabel('Discount in percent').fill('20');
    await dialog.getByRole('combobox', { name: 'Applies to' }).click();
    await page.getByRole('option', { name: 'One line' }).click();
    await dialog.getByRole('combobox', { name: 'Borne by' }).click();
    await page.getByRole('option', { name: 'Clinic’s share' }).click();
    await dialog.getByLabel(/^Granted by/).click();
    await page.getByRole('option', { name: 'Cashier' }).click();
    await dialog.getByLabel(/^Reason required/).check();
    await shot(page, 'new-kind');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByText('SC can now be granted.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Senior citizen' });
    assert.match(
      await row.innerText(),
      /SC[\s\S]*20\s*%[\s\S]*One line[\s\S]*Cashier[\s\S]*Yes[\s\S]*Clinic’s share/,
    );

    // Zero is refused before anything is sent; a fixed amount then goes through.
    await page.getByRole('button', { name: 'New discount kind' }).click();
    await dialog.getByLabel(/^Code/).fill('STAFF');
    await dialog.getByLabel(/^Name in English/).fill('Staff');
    await dialog.getByLabel(/^Name in Spanish/).fill('Personal');
    await dialog.locator('label', { hasText: 'Fixed amount' }).click();
    await dialog.getByLabel('Discount as an amount').fill('0');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('Enter a discount above zero.').waitFor();
    await dialog.getByLabel('Discount as an amount').fill('10');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByText('STAFF can now be granted.').waitFor();
    await page.getByRole('row').filter({ hasText: 'STAFF' }).getByText('€10.00').waitFor();

    // Retired, not deleted.
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Discount kind STAFF' });
    await edit.getByLabel('Active').uncheck({ force: true });
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('STAFF saved.').waitFor();
    await page.getByRole('row').filter({ hasText: 'STAFF' }).getByText('Inactive').waitFor();
    await shot(page, 'discount-kinds');

    // The front desk's page followed every change through the event socket.
    await desk.getByRole('row').filter({ hasText: 'STAFF' }).getByText('Inactive').waitFor();
    await desk.getByRole('button', { name: 'Senior citizen' }).click();
    const readOnly = desk.getByRole('dialog', { name: 'Discount kind SC' });
    assert.ok(await readOnly.getByLabel(/^Name in English/).isDisabled());
    await shot(desk, 'read-only');
    await desk.keyboard.press('Escape');

    await otherScreens(page, shot, 'discount kinds');
    const origin = server.baseUrl;
    const res = await page.request.patch(`${origin}/api/settings/me`, {
      data: { language: 'es' },
      headers: { origin },
    });
    assert.equal(res.status(), 200, await res.text());
    await page.reload();
    await page.getByRole('heading', { name: 'Tipos de descuento' }).waitFor();
    await page.getByRole('button', { name: 'Adulto mayor' }).waitFor();
    await shot(page, 'discount-kinds-es');
  } finally {
    await browser.close();
    await server.stop();
  }
}
