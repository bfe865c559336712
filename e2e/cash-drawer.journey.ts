// A cashier opens her drawer with a float, pays a courier out of it, counts it by note and coin and closes it
// a quarter short; the accountant sees every drawer of the day and reopens hers, which her page shows live.
// The page is shot in English and Spanish, on a phone and a full-HD screen.
import assert from 'node:assert/strict';
import { adminApi, createStaff } from './api-setup.ts';
import { launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'brass-till-meadow-41';

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('cash-drawer');
  try {
    const api = await adminApi(server);
    await createStaff(api, {
      name: 'Cora Cashier',
      email: 'cora@example.org',
      password: PASSWORD,
      roles: ['cashier'],
    });
    await createStaff(api, {
      name: 'Ada Accountant',
      email: 'ada@example.org',
      password: PASSWORD,
      roles: ['accountant'],
    });

    const cora = await signedIn(browser, server.baseUrl, 'cora@example.org', PASSWORD);
    await cora
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cash drawer' })
      .click();
    await cora.getByRole('heading', { name: 'Open your drawer for today' }).waitFor();
    await cora.getByLabel(/^Opening float \(USD\)/).fill('100');
    await cora.keyboard.press('Enter');
    await cora.getByText('Your drawer is open.').waitFor();

    await cora.getByRole('button', { name: 'Pay out' }).click();
    const payOut = cora.getByRole('dialog', { name: 'Pay cash out of the drawer' });
    await payOut.getByLabel(/^Amount/).fill('12.5');
    await payOut.getByLabel(/^Reason/).fill('Courier');
    await payOut.getByRole('button', { name: 'Pay out' }).click();
    await cora.getByText('$12.50 paid out.').waitFor();
    const paidRow = cora.getByRole('row').filter({ hasText: 'Courier' });
    assert.match(await paidRow.innerText(), /Paid out[\s\S]*-\$12\.50[\s\S]*Cora Cashier/);
    await shot(cora, 'open-drawer');

    // 50 + 20 + 10 + 5 + one added 2.00 note + 0.25 = 87.25 against 87.50 expected.
    await cora.getByRole('button', { name: 'Count and close' }).click();
    const count = cora.getByRole('dialog', { name: 'Count the drawer' });
    for (const value of ['$50.00', '$20.00', '$10.00', '$5.00', '$0.25'])
      await count.getByLabel(`How many of ${value}`, { exact: true }).fill('1');
    await count.getByLabel('Another note or coin').fill('2');
    await count.getByLabel('Another note or coin').press('Enter');
    await count.getByLabel('How many of $2.00', { exact: true }).fill('1');
    await count.getByText('Short by $0.25').waitFor();
    await count.getByRole('button', { name: 'Review' }).click();
    await shot(cora, 'count');
    await count.getByRole('button', { name: 'Close the drawer' }).click();
    await cora.getByText('Drawer closed.').waitFor();
    await cora.getByRole('heading', { name: 'Count at close' }).waitFor();
    await cora.getByText('Short by $0.25').first().waitFor();
    assert.equal(
      await cora.getByRole('button', { name: 'Pay out' }).count(),
      0,
      'a closed drawer is read-only',
    );
    await shot(cora, 'closed-drawer');

    const ada = await signedIn(browser, server.baseUrl, 'ada@example.org', PASSWORD);
    await ada
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cash drawer' })
      .click();
    const coraRow = ada.getByRole('row').filter({ hasText: 'Cora Cashier' });
    await coraRow.getByText('Short by $0.25').waitFor();
    assert.match(
      await coraRow.innerText(),
      /Closed[\s\S]*\$100\.00[\s\S]*\$0\.00[\s\S]*\$12\.50[\s\S]*\$87\.50/i,
    );
    await shot(ada, 'all-drawers');
    await coraRow.getByRole('button', { name: 'Reopen' }).click();
    const reopen = ada.getByRole('dialog', { name: 'Reopen the drawer of Cora Cashier' });
    await reopen.getByLabel(/^Reason/).fill('Recount the coins');
    await reopen.getByRole('button', { name: 'Reopen' }).click();
    await ada.getByText('Drawer reopened.').waitFor();
    await coraRow.getByText('Open', { exact: true }).waitFor();

    // Cora's page follows the reopening when the server announces it.
    await cora.getByRole('row').filter({ hasText: 'Recount the coins' }).waitFor();
    await cora.getByRole('button', { name: 'Pay out' }).waitFor();

    await otherScreens(cora, shot, 'cash drawer');
    const origin = server.baseUrl;
    const res = await cora.request.patch(`${origin}/api/settings/me`, {
      data: { language: 'es' },
      headers: { origin },
    });
    assert.equal(res.status(), 200, await res.text());
    await cora.reload();
    await cora.getByRole('heading', { name: 'Caja', exact: true }).waitFor();
    await cora.getByRole('button', { name: 'Contar y cerrar' }).waitFor();
    await shot(cora, 'drawer-es');
  } finally {
    await browser.close();
    await server.stop();
  }
}
