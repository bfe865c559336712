// An insured patient: the cashier sets the insurer's part of a line while drafting, issues the invoice, and
// follows the claim from the invoice page: submitted with a reference, approved for less, paid, which takes
// the insurer's payment on the invoice. Shot on a phone and a large screen.
import assert from 'node:assert/strict';
import { adminApi, call, createStaff } from './api-setup.ts';
import { launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'gravel-insurer-lantern-31';

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('billing-claims');
  try {
    const api = await adminApi(server);
    await createStaff(api, {
      name: 'Cali Cashier',
      email: 'cali@example.org',
      password: PASSWORD,
      roles: ['cashier'],
    });
    await call(api, 'post', '/api/billing/price-list', {
      code: 'XRAY',
      kind: 'imaging',
      nameEn: 'Chest X-ray',
      nameEs: 'Radiografía de tórax',
      priceMinor: 120_00,
    });
    const patient = await call<{ id: string }>(api, 'post', '/api/patients', {
      givenName: 'Iris',
      familyName: 'Insured',
      sex: 'female',
      birthDate: '1980-05-02',
      payer: { name: 'HealthCo', memberId: 'HC-77', groupNumber: null },
      confirmDuplicate: true,
    });

    const page = await signedIn(browser, server.baseUrl, 'cali@example.org', PASSWORD);
    const draft = await page.request.post(`${server.baseUrl}/api/invoices`, {
      data: { patientId: patient.id },
      headers: { origin: server.baseUrl },
    });
    assert.equal(draft.status(), 201, await draft.text());
    const { id } = (await draft.json()) as { id: string };
    await page.goto(`${server.baseUrl}/billing/cashier?invoice=${id}`);
    await page.getByRole('combobox', { name: 'Add an item' }).fill('XRAY');
    await page.getByRole('option', { name: /Chest X-ray/ }).click();
    const line = page.getByRole('list', { name: 'Lines' }).getByRole('listitem', { name: 'Chest X-ray' });
    const covered = line.getByRole('textbox', { name: 'Covered by HealthCo' });
    await covered.fill('90');
    await covered.blur();
    await page.getByRole('group', { name: 'Totals' }).getByText('$90.00').first().waitFor();
    await shot(page, 'draft-covered');
    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    await page.getByRole('heading', { name: /^INV-/ }).waitFor();

    await page.goto(`${server.baseUrl}/billing/invoices/${id}`);
    const claim = page.getByRole('region', { name: 'Claim to the payer' });
    await claim.getByText('Not sent').waitFor();
    await claim.getByRole('button', { name: 'Mark as submitted' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Claim reference' }).fill('CLM-2026-9');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await claim.getByText('Submitted').waitFor();
    await claim.getByRole('button', { name: 'Record approval' }).click();
    await page
      .getByRole('dialog')
      .getByRole('textbox', { name: /Amount approved/ })
      .fill('80');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await claim.getByText('Approved', { exact: true }).first().waitFor();
    await claim.getByRole('button', { name: 'Record payment in full' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await claim.getByText('Paid', { exact: true }).waitFor();
    assert.match(await claim.innerText(), /HealthCo · CLM-2026-9/);
    assert.match(await claim.innerText(), /Paid by the payer\s*\$80\.00/);
    // The insurer's payment is on the invoice: $120.00 less $80.00 leaves $40.00 for the patient.
    assert.match(await page.getByRole('group', { name: 'Totals' }).innerText(), /Balance\s*\$40\.00/);
    await shot(page, 'claim-paid');
    await otherScreens(page, shot, 'invoice-with-claim');
  } finally {
    await browser.close();
    await server.stop();
  }
}
