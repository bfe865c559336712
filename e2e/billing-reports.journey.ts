// The accountant opens the revenue reports: a payment taken today shows in revenue, by doctor and by method,
// an unpaid invoice in ageing; a payment taken while the page is open appears without reloading. The CSV and
// PDF links download the same report. Shot in English and Spanish, on a phone and a large screen.
import assert from 'node:assert/strict';
import { adminApi, call, createStaff } from './api-setup.ts';
import { launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'copper-ledger-harbour-77';

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('billing-reports');
  try {
    const api = await adminApi(server);
    await createStaff(api, {
      name: 'Ada Accountant',
      email: 'ada@example.org',
      password: PASSWORD,
      roles: ['accountant'],
    });
    const doctor = await createStaff(api, {
      name: 'Dr Grace Hopper',
      email: 'grace@example.org',
      password: PASSWORD,
      roles: ['doctor'],
    });
    const item = await call<{ id: string }>(api, 'post', '/api/billing/price-list', {
      code: 'CONS',
      kind: 'consultation',
      nameEn: 'Consultation',
      nameEs: 'Consulta',
      priceMinor: 50_00,
      doctorShare: { kind: 'percent', basisPoints: 6000 },
    });
    const patient = async (givenName: string) =>
      call<{ id: string }>(api, 'post', '/api/patients', {
        givenName,
        familyName: 'Reyes',
        sex: 'female',
        birthDate: '1985-02-03',
        confirmDuplicate: true,
      });
    const invoice = async (patientId: string) => {
      const draft = await call<{ id: string; totalMinor: number }>(api, 'post', '/api/invoices', {
        patientId,
        lines: [{ priceItemId: item.id, quantity: 1, providerId: doctor.id }],
      });
      return call<{ id: string; totalMinor: number }>(
        api,
        'post',
        `/api/invoices/${draft.id}/issue`,
        undefined,
      );
    };
    const pay = (patientId: string, inv: { id: string; totalMinor: number }) =>
      call(api, 'post', '/api/payments', {
        patientId,
        method: 'card',
        amountMinor: inv.totalMinor,
        invoiceIds: [inv.id],
      });
    const ana = await patient('Ana');
    await pay(ana.id, await invoice(ana.id));
    const bea = await patient('Bea');
    const unpaid = await invoice(bea.id);

    const page = await signedIn(browser, server.baseUrl, 'ada@example.org', PASSWORD);
    await page.getByRole('link', { name: 'Revenue reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Revenue reports' }).waitFor();
    const totalRow = () => page.locator('tfoot tr').first();
    await totalRow().getByText('$50.00').first().waitFor();
    await shot(page, 'revenue');

    // Taken elsewhere while the page is open: the totals follow through the event socket.
    await pay(bea.id, unpaid);
    await totalRow().getByText('$100.00').first().waitFor();

    await page.getByRole('tab', { name: 'By doctor' }).click();
    await page.getByRole('row').filter({ hasText: 'Dr Grace Hopper' }).getByText('$60.00').waitFor();
    await shot(page, 'by-doctor');
    await page.getByRole('tab', { name: 'By method' }).click();
    await page.getByRole('row').filter({ hasText: 'Card' }).getByText('$100.00').first().waitFor();

    const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    assert.ok(csv?.startsWith('/api/billing/reports/methods?'), csv ?? '');
    const res = await page.request.get(`${server.baseUrl}${csv}`);
    assert.equal(res.status(), 200);
    assert.match(await res.text(), /^Method,Count,Received,Refunded,Net\r\nCard,2,100\.00,0\.00,100\.00\r\n/);
    const pdf = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const pdfRes = await page.request.get(`${server.baseUrl}${pdf}`);
    assert.equal(pdfRes.headers()['content-type'], 'application/pdf');

    await page.getByRole('tab', { name: 'Ageing' }).click();
    await page.getByText(/As of .*: 0 patients owe\./).waitFor();
    await page.getByRole('tab', { name: 'Revenue', exact: true }).click();
    await otherScreens(page, shot, 'revenue reports');

    const origin = server.baseUrl;
    const lang = await page.request.patch(`${origin}/api/settings/me`, {
      data: { language: 'es' },
      headers: { origin },
    });
    assert.equal(lang.status(), 200, await lang.text());
    await page.reload();
    await page.getByRole('heading', { name: 'Reportes de ingresos' }).waitFor();
    await shot(page, 'revenue-es');
  } finally {
    await browser.close();
    await server.stop();
  }
}
