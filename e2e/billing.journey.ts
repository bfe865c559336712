// A dental visit is billed at the cashier: the draft comes from the visit (its consultation; the filling done in
// it is added from the price list), the senior discount is granted with its reason, the invoice is issued, part
// is paid in cash (the change shown as the cash is typed) and the rest by card; the receipt PDF says the right
// sums. The accountant refunds part. A receptionist's home page, open all along, follows every step live.
// Shot in English and Spanish, on a phone and a full-HD screen.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIRequestContext, request } from 'playwright-core';
import { adminApi, call, createStaff } from './api-setup.ts';
import { launchBrowser, otherScreens, type Server, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'tallow-receipt-harbour-62';

async function staffApi(server: Server, email: string): Promise<APIRequestContext> {
  const api = await request.newContext({
    baseURL: server.baseUrl,
    extraHTTPHeaders: { origin: server.baseUrl },
  });
  const res = await api.post('/api/auth/login', { data: { email, password: PASSWORD } });
  assert.equal(res.status(), 200, await res.text());
  return api;
}

/** The text of a PDF, as pdftotext (poppler) reads it. */
function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-pdf-')), 'doc.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('billing');
  const notes: string[] = [];
  try {
    const api = await adminApi(server);
    await call(api, 'patch', '/api/settings/system', { currency: 'EUR', country: 'ES' });
    const people = [
      ['Dana Dentist', 'dana@example.org', 'dentist'],
      ['Cali Cashier', 'cali@example.org', 'cashier'],
      ['Ada Accountant', 'ada@example.org', 'accountant'],
      ['Rita Reception', 'rita@example.org', 'receptionist'],
    ] as const;
    const ids: Record<string, string> = {};
    for (const [name, email, role] of people)
      ids[role] = (
        await createStaff(api, {
          name,
          email,
          password: PASSWORD,
          roles: [role],
          ...(role === 'dentist' ? { licenceNumber: 'DEN-7' } : {}),
        })
      ).id;
    const dentistId = ids.dentist ?? '';

    // The price list: a consultation billed by its service, a filling; and the senior discount (20 %).
    const everyDay = Array.from({ length: 7 }, (_, weekday) => ({
      kind: 'work',
      weekday,
      startTime: '00:00',
      endTime: '24:00',
    }));
    await call(api, 'put', `/api/providers/${dentistId}/schedule`, { rules: everyDay });
    const service = await call<{ id: string }>(api, 'post', '/api/services', {
      name: 'Dental consultation',
      departmentKey: 'general',
      durationMinutes: 15,
      providerIds: [dentistId],
    });
    await call(api, 'post', '/api/billing/price-list', {
      code: 'CONS-DENT',
      kind: 'consultation',
      nameEn: 'Dental consultation',
      nameEs: 'Consulta dental',
      serviceId: service.id,
      priceMinor: 4000,
    });
    const fill = await call<{ id: string }>(api, 'post', '/api/billing/price-list', {
      code: 'FILL',
      kind: 'dental',
      nameEn: 'Composite filling',
      nameEs: 'Obturación de composite',
      priceMinor: 6000,
      doctorShare: { kind: 'percent', basisPoints: 4000 },
    });
    await call(api, 'post', '/api/billing/discount-kinds', {
      code: 'SENIOR',
      nameEn: 'Senior citizen',
      nameEs: 'Adulto mayor',
      value: { kind: 'percent', basisPoints: 2000 },
      borneBy: 'proportional',
      reasonRequired: true,
    });

    // The visit: booked, checked in, seen by the dentist, who fills tooth 16 in the encounter.
    const patient = await call<{ id: string }>(api, 'post', '/api/patients', {
      givenName: 'Lucía',
      familyName: 'Reyes',
      sex: 'female',
      birthDate: '1950-03-14',
      email: 'lucia@example.org',
      confirmDuplicate: true,
    });
    const startsAt = new Date(Math.ceil(Date.now() / 900_000) * 900_000 + 900_000).toISOString();
    const appointment = await call<{ id: string }>(api, 'post', '/api/appointments', {
      patientId: patient.id,
      providerId: dentistId,
      serviceId: service.id,
      startsAt,
    });
    const desk = await staffApi(server, 'rita@example.org');
    const checkIn = await desk.post('/api/queue/check-in', { data: { appointmentId: appointment.id } });
    if (checkIn.status() === 409) {
      notes.push('the appointment fell on the next clinic day: walk-in, so no consultation line');
      await call(desk, 'post', '/api/queue/walk-in', {
        patientId: patient.id,
        departmentKey: 'general',
        providerId: dentistId,
      });
    } else assert.equal(checkIn.status(), 201, await checkIn.text());
    const dentist = await staffApi(server, 'dana@example.org');
    const ticket = await call<{ id: string; encounterId: string | null }>(
      dentist,
      'post',
      '/api/queue/call-next',
      {
        start: true,
      },
    );
    assert.ok(ticket.encounterId, 'calling the patient opens the encounter');
    const plan = await call<{ procedures: { id: string }[] }>(
      dentist,
      'post',
      `/api/patients/${patient.id}/dental/plans`,
      {
        title: 'Caries 16',
        procedures: [
          {
            kind: 'filling',
            tooth: 16,
            surfaces: ['O'],
            encounterId: ticket.encounterId,
            priceItemId: fill.id,
          },
        ],
      },
    );
    await call(dentist, 'patch', `/api/dental/procedures/${plan.procedures[0]?.id}`, { status: 'done' });
    await call(dentist, 'post', `/api/queue/${ticket.id}/done`, {});

    // The cashier's drawer: cash is taken only into an open one.
    const cashierApi = await staffApi(server, 'cali@example.org');
    await call(cashierApi, 'post', '/api/billing/drawers', { openingFloatMinor: 10000 });

    // The receptionist's home page stays open, untouched, from here on.
    const reception = await signedIn(browser, server.baseUrl, 'rita@example.org', PASSWORD);
    const unpaidCard = reception.locator('[data-card="unpaid-invoices"]');
    const revenueCard = reception.locator('[data-card="revenue-today"]');
    await unpaidCard.getByText('Nothing is owed.').waitFor();
    await revenueCard.getByText('No payments yet today.').waitFor();

    const page = await signedIn(browser, server.baseUrl, 'cali@example.org', PASSWORD);
    await page.getByRole('link', { name: 'Cashier', exact: true }).click();
    await page.getByRole('heading', { name: 'Cashier', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Draft invoice from the visit of Lucía Reyes' }).click();
    // The consultation and the filling done in the visit, priced from the list, the dentist earning the share.
    const lines = page.getByRole('list', { name: 'Lines' });
    await lines.getByText('Dental consultation').waitFor();
    const filling = lines.getByRole('listitem', { name: 'Composite filling' });
    await filling.waitFor();
    // The doctor's name shows once the list of doctors has loaded.
    await page.waitForFunction(
      (input) => (input as HTMLInputElement | null)?.value === 'Dana Dentist',
      await filling.getByRole('combobox', { name: 'Doctor' }).elementHandle(),
    );
    await page.getByRole('group', { name: 'Totals' }).getByText('€100.00').first().waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Not on the price list' }).count(), 0);
    await shot(page, 'draft-from-visit');

    // The senior discount needs a reason: it is asked for before anything is sent.
    await page.getByRole('combobox', { name: 'Discount on the whole invoice' }).click();
    await page.getByRole('option', { name: /Senior citizen/ }).click();
    await page.getByText('This discount needs a reason.').waitFor();
    const reason = page.getByRole('textbox', { name: /Reason for the discount/ });
    await reason.fill('Over 65, ID card seen');
    await reason.press('Enter');
    const totals = page.getByRole('group', { name: 'Totals' });
    await totals.getByText('−€20.00').waitFor();
    assert.match(
      await totals.innerText(),
      /Subtotal\s*€100\.00[\s\S]*Discounts\s*−€20\.00[\s\S]*Total\s*€80\.00/,
    );
    await shot(page, 'draft-discounted');
    await otherScreens(page, shot, 'draft');

    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    await page.getByRole('heading', { name: /^INV-/ }).waitFor();
    const number = (await page.getByRole('heading', { name: /^INV-/ }).innerText()).trim();
    await reception.locator('[data-card="unpaid-invoices"]').getByText('€80.00 owed in all').waitFor();
    await shot(reception, 'reception-home-owed');

    // Part in cash, with more handed over than the amount: the change shows as it is typed.
    const form = page.getByRole('form', { name: 'Take payment' });
    assert.equal(await form.getByRole('textbox', { name: /^Amount/ }).inputValue(), '80.00');
    await form.getByRole('textbox', { name: /^Amount/ }).fill('30');
    await form.getByRole('textbox', { name: 'Cash handed over' }).fill('50');
    await form.getByText('Change: €20.00').waitFor();
    await shot(page, 'cash-change');
    await otherScreens(page, shot, 'payment');
    await form.getByRole('button', { name: /^Record payment/ }).click();
    await page
      .getByRole('list', { name: 'Payments taken' })
      .getByText(/€30\.00/)
      .waitFor();
    await page.getByRole('group', { name: 'Totals' }).getByText('€50.00').last().waitFor();

    // The rest by card: the amount is the balance already.
    const form2 = page.getByRole('form', { name: 'Take payment' });
    await form2.getByText('Card', { exact: true }).click();
    assert.equal(await form2.getByRole('textbox', { name: /^Amount/ }).inputValue(), '50.00');
    await form2.getByRole('textbox', { name: 'Card last 4 digits' }).fill('4242');
    await form2.getByRole('button', { name: 'Record payment €50.00' }).click();
    await page.getByText('Paid in full.').waitFor();
    await shot(page, 'paid-in-full');

    // The receptionist's cards followed without a reload.
    await unpaidCard.getByText('Nothing is owed.').waitFor();
    await revenueCard.getByTestId('revenue-total').filter({ hasText: '€80.00' }).waitFor();
    assert.match(await revenueCard.innerText(), /Cash\s*€30\.00/);
    assert.match(await revenueCard.innerText(), /Card\s*€50\.00/);
    await shot(reception, 'reception-home-live');

    // The card receipt on an 80 mm slip, read back from the PDF.
    const taken = page.getByRole('list', { name: 'Payments taken' }).getByRole('listitem');
    const slip = taken.nth(1).getByRole('link', { name: 'Receipt (80 mm)' });
    const href = await slip.getAttribute('href');
    assert.ok(href);
    const pdf = await page.request.get(`${server.baseUrl}${href}`);
    assert.equal(pdf.status(), 200, await pdf.text());
    const text = pdfText(await pdf.body());
    assert.match(text, /50\.00/, text);
    assert.match(text, new RegExp(number), text);
    assert.match(text, /4242/, text);
    await taken.nth(1).getByRole('button', { name: 'Email receipt' }).click();
    await page.getByText('Queued to lucia@example.org.').waitFor();
    await otherScreens(page, shot, 'cashier');

    // The accountant refunds part of it from the invoice page.
    const accountant = await signedIn(browser, server.baseUrl, 'ada@example.org', PASSWORD);
    await accountant.getByRole('link', { name: 'Invoices', exact: true }).click();
    await accountant.getByRole('link', { name: number }).click();
    await accountant.getByRole('button', { name: 'Refund' }).click();
    const refund = accountant.getByRole('dialog', { name: `Refund on invoice ${number}` });
    await refund.getByRole('textbox', { name: /Amount to refund/ }).fill('10');
    await refund.getByRole('combobox', { name: 'Payment method' }).click();
    await accountant.getByRole('option', { name: 'Card' }).click();
    await refund.getByRole('textbox', { name: /Reason/ }).fill('Filling polished again at no charge');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await accountant.getByText('€10.00 refunded.').waitFor();
    await accountant.getByText(/Credit note .*: €10\.00 refunded/).waitFor();
    assert.match(
      await accountant.getByRole('group', { name: 'Totals' }).innerText(),
      /Refunded\s*€10\.00[\s\S]*Balance\s*€0\.00/,
    );
    await shot(accountant, 'invoice-refunded');
    // The receptionist's revenue card takes the refund off, live.
    await revenueCard.getByTestId('revenue-total').filter({ hasText: '€70.00' }).waitFor();
    assert.match(await revenueCard.innerText(), /Card\s*€40\.00/);
    const invoiceHref = await accountant.getByRole('link', { name: 'PDF' }).getAttribute('href');
    const invoicePdf = await accountant.request.get(`${server.baseUrl}${invoiceHref}`);
    assert.equal(invoicePdf.status(), 200, await invoicePdf.text());
    const invoiceText = pdfText(await invoicePdf.body());
    for (const expected of [number, 'Composite filling', 'Senior citizen', '100.00', '20.00', '80.00'])
      assert.ok(invoiceText.includes(expected), `the invoice PDF lacks ${expected}:\n${invoiceText}`);
    await otherScreens(accountant, shot, 'invoice-detail');

    // The dentist's statement: 40 % of the filling's €60.00, less her part of the senior discount (€4.80),
    // less what the refund took back of it (€2.40): €16.80, paid by the patient and owed to her.
    await accountant.getByRole('link', { name: 'Doctor payouts', exact: true }).click();
    const dana = accountant.getByRole('row').filter({ hasText: 'Dana Dentist' });
    await dana.getByText('€16.80').first().waitFor();
    await dana.getByRole('button', { name: 'Statement of Dana Dentist' }).click();
    const statementOfDana = accountant.getByRole('dialog', { name: 'Statement of Dana Dentist' });
    await statementOfDana.getByRole('row').filter({ hasText: 'Composite filling' }).first().waitFor();
    await accountant.waitForTimeout(400); // the drawer slides in
    await shot(accountant, 'dentist-statement');
    await accountant.keyboard.press('Escape');
    // The revenue report: €80.00 taken, €10.00 given back; by doctor, the dentist's €16.80.
    await accountant.getByRole('link', { name: 'Revenue reports', exact: true }).click();
    await accountant.getByRole('heading', { name: 'Revenue reports' }).waitFor();
    await accountant.locator('tfoot tr').first().getByText('€70.00').first().waitFor();
    await accountant.getByRole('tab', { name: 'By doctor' }).click();
    await accountant
      .getByRole('row')
      .filter({ hasText: 'Dana Dentist' })
      .getByText('€16.80')
      .first()
      .waitFor();
    await shot(accountant, 'report-by-doctor');
    await accountant.getByRole('link', { name: 'Invoices', exact: true }).click();
    await accountant.getByRole('link', { name: number }).click();
    await accountant.getByRole('link', { name: 'Back to invoices' }).click();
    await accountant.getByRole('row', { name: 'Totals of all matches' }).waitFor();
    await otherScreens(accountant, shot, 'invoices');

    // The patient's statement in the chart, for the front desk.
    await reception.goto(`${server.baseUrl}/patients/${patient.id}/billing`);
    await reception.getByRole('table', { name: 'Statement' }).waitFor();
    const statement = await reception.getByRole('table', { name: 'Statement' }).innerText();
    assert.match(statement, /Credit note[\s\S]*[−-]€10\.00/, statement);
    assert.match(statement, /€0\.00\s*$/, statement);
    await otherScreens(reception, shot, 'chart-billing');
    await reception.goto(`${server.baseUrl}/`);
    await otherScreens(reception, shot, 'reception-home');

    // Spanish.
    for (const p of [page, accountant]) {
      const res = await p.request.patch(`${server.baseUrl}/api/settings/me`, {
        data: { language: 'es' },
        headers: { origin: server.baseUrl },
      });
      assert.equal(res.status(), 200, await res.text());
    }
    await page.goto(`${server.baseUrl}/billing/cashier`);
    await page.getByRole('heading', { name: 'Cobros', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Borrador de factura desde la visita de Lucía Reyes' }).click();
    await page.getByRole('heading', { name: number }).waitFor();
    await page.getByText('Pagada').first().waitFor();
    await otherScreens(page, shot, 'cashier-es');
    await accountant.reload();
    await accountant.getByRole('heading', { name: 'Facturas', level: 1 }).waitFor();
    await accountant.getByRole('row', { name: 'Totales de todas las coincidencias' }).waitFor();
    await otherScreens(accountant, shot, 'invoices-es');
    for (const note of notes) console.log(`  note: ${note}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
