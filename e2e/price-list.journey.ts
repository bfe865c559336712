// The accountant keeps the price list: imports the services that already have a price, adds an item with tax
// and a doctor's share, gives one doctor a share of their own, raises a price, and reads the history of both.
// The page is shot in English and Spanish, on a phone and a full-HD screen.
import assert from 'node:assert/strict';
import { adminApi, call, createStaff } from './api-setup.ts';
import { launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'copper-ledger-willow-73';

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('price-list');
  try {
    const api = await adminApi(server);
    await call(api, 'patch', '/api/settings/system', { currency: 'EUR', country: 'ES' });
    await createStaff(api, {
      name: 'Ada Accountant',
      email: 'ada@example.org',
      password: PASSWORD,
      roles: ['accountant'],
    });
    await createStaff(api, {
      name: 'Dario Doctor',
      email: 'dario@example.org',
      password: PASSWORD,
      roles: ['doctor'],
      licenceNumber: 'MED-1',
    });
    await call(api, 'post', '/api/services', {
      name: 'General consultation',
      departmentKey: 'general',
      durationMinutes: 20,
      priceMinor: 4000,
    });

    const page = await signedIn(browser, server.baseUrl, 'ada@example.org', PASSWORD);
    await page.getByRole('link', { name: 'Price list', exact: true }).click();
    await page.getByText('The price list is empty').waitFor();
    await page.getByRole('button', { name: 'Import priced services' }).click();
    await page.getByText('1 service added to the price list.').waitFor();
    await page.getByRole('button', { name: 'General consultation' }).waitFor();

    // A lab exam with 21 % tax and a 30 % share for the doctor who orders it.
    await page.getByRole('button', { name: 'New item' }).click();
    const dialog = page.getByRole('dialog', { name: 'New price list item' });
    await dialog.getByLabel(/^Code/).fill('lab-cbc');
    await dialog.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Lab exam' }).click();
    await dialog.getByLabel(/^Name in English/).fill('Complete blood count');
    await dialog.getByLabel(/^Name in Spanish/).fill('Hemograma completo');
    await dialog.getByLabel(/^Price \(EUR\)/).fill('25');
    await dialog.getByLabel(/^Tax rate/).fill('21');
    await dialog.locator('label', { hasText: 'Percentage' }).click();
    await dialog.getByLabel('Share in percent').fill('30');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByText('LAB-CBC is on the price list.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'LAB-CBC' });
    await row.getByText('€25.00').waitFor();
    assert.match(await row.innerText(), /€25\.00[\s\S]*21\s*%[\s\S]*30\s*%/);
    await shot(page, 'price-list');

    // Dario earns 50 % of it, and the price goes up to 27.50.
    await page.getByRole('button', { name: 'Complete blood count' }).click();
    const edit = page.getByRole('dialog', { name: 'Price list item LAB-CBC' });
    await edit.getByRole('combobox', { name: 'Doctor' }).click();
    await page.getByRole('option', { name: 'Dario Doctor' }).click();
    await edit.getByLabel('Share in percent').last().fill('50');
    await edit.getByRole('button', { name: 'Set share' }).click();
    await edit.getByRole('cell', { name: 'Dario Doctor', exact: true }).waitFor();
    await edit.getByLabel(/^Price \(EUR\)/).fill('27.5');
    await shot(page, 'item-dialog');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('LAB-CBC saved.').waitFor();
    // The list follows the change when the server announces it.
    await row.getByText('€27.50').waitFor();
    await row.getByText('1 doctor with their own share').waitFor();

    await page.getByRole('button', { name: 'Complete blood count' }).click();
    await page.getByRole('button', { name: 'History of prices and shares' }).click();
    const history = page.getByRole('dialog', { name: 'History of LAB-CBC' });
    await history.getByText('In force').first().waitFor();
    const prices = await history.getByRole('table').first().innerText();
    assert.match(prices, /€27\.50[\s\S]*€25\.00/, 'the new price first, then the old one');
    await history.getByRole('cell', { name: 'Dario Doctor', exact: true }).waitFor();
    await history.getByRole('cell', { name: 'Every doctor', exact: true }).waitFor();
    await shot(page, 'history');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await otherScreens(page, shot, 'price list');
    const origin = server.baseUrl;
    const res = await page.request.patch(`${origin}/api/settings/me`, {
      data: { language: 'es' },
      headers: { origin },
    });
    assert.equal(res.status(), 200, await res.text());
    await page.reload();
    await page.getByRole('heading', { name: 'Lista de precios' }).waitFor();
    await page.getByRole('button', { name: 'Hemograma completo' }).waitFor();
    await shot(page, 'price-list-es');
  } finally {
    await browser.close();
    await server.stop();
  }
}
