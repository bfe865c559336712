// Receptionist registers a patient (a second registration warns of a duplicate) → nurse records vitals →
// doctor writes and signs a SOAP note with an ICD-10 diagnosis and a prescription → nurse drafts a certificate →
// doctor approves → the PDF shows the patient's name and the verification code → the public page confirms it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { adminApi, createStaff } from './api-setup.ts';
import { ARTIFACTS, launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'violet-harbor-compass-81';
const STAFF = {
  receptionist: { name: 'Rita Reception', email: 'rita@example.org', roles: ['receptionist'] },
  nurse: { name: 'Nora Nurse', email: 'nora@example.org', roles: ['nurse'] },
  doctor: {
    name: 'Diego Doctor',
    email: 'diego@example.org',
    roles: ['doctor'],
    licenceNumber: 'MED-123456',
  },
};
const PATIENT = { given: 'Lucía', family: 'Muñoz', birthDate: '1990-04-12', phone: '+1 415 555 0134' };

async function fillRegistration(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/patients/new`);
  await page.getByRole('textbox', { name: 'Given name' }).fill(PATIENT.given);
  await page.getByRole('textbox', { name: 'Family name' }).fill(PATIENT.family);
  await page.getByRole('textbox', { name: 'Birth date' }).fill(PATIENT.birthDate);
  await page.getByRole('combobox', { name: 'Sex' }).click();
  await page.getByRole('option', { name: 'Female' }).click();
  await page.getByRole('textbox', { name: 'Phone', exact: true }).fill(PATIENT.phone);
}

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('clinical-visit');
  try {
    const api = await adminApi(server);
    for (const s of Object.values(STAFF)) await createStaff(api, { ...s, password: PASSWORD });

    // Receptionist registers the patient.
    const desk = await signedIn(browser, server.baseUrl, STAFF.receptionist.email, PASSWORD);
    await fillRegistration(desk, server.baseUrl);
    await desk.getByRole('button', { name: 'Add allergy' }).click();
    const allergy = desk.getByRole('group', { name: 'Allergy 1' });
    await allergy.getByRole('textbox', { name: 'Substance' }).fill('Penicillin');
    await allergy.getByRole('combobox', { name: 'Severity' }).click();
    await desk.getByRole('option', { name: 'Severe' }).click();
    await shot(desk, 'registration-form');
    await desk.getByRole('button', { name: 'Register patient' }).click();
    await desk.waitForURL(/\/patients\/[0-9a-f-]{36}/);
    const patientUrl = desk.url().replace(/(\/patients\/[0-9a-f-]{36}).*/, '$1');
    const mrn = (await desk.getByTestId('patient-mrn').textContent())?.trim() ?? '';
    assert.match(mrn, /\d/, 'the chart shows the MRN');
    await shot(desk, 'patient-registered');

    // A second registration of the same person is caught.
    await fillRegistration(desk, server.baseUrl);
    await desk.getByRole('button', { name: 'Register patient' }).click();
    await desk.getByText('This patient may already be registered').waitFor();
    await shot(desk, 'duplicate-warning');

    // Nurse records vitals.
    const nurse = await signedIn(browser, server.baseUrl, STAFF.nurse.email, PASSWORD);
    await nurse.goto(patientUrl);
    await nurse.getByRole('tab', { name: 'Vitals' }).click();
    // The tab offers the action in its header and, while empty, in the empty state too.
    await nurse.getByRole('button', { name: 'Record vitals' }).first().click();
    const vitals = nurse.getByRole('dialog', { name: 'Record vitals' });
    for (const [label, value] of [
      ['Systolic BP', '128'],
      ['Diastolic BP', '82'],
      ['Heart rate', '76'],
      ['Temperature', '38.2'],
      ['SpO2', '97'],
      ['Height', '165'],
      ['Weight', '61'],
    ] as const) {
      await vitals.getByRole('textbox', { name: label }).fill(value);
    }
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await nurse.getByText('The vitals have been recorded.').waitFor();
    await shot(nurse, 'vitals-recorded');

    // Doctor writes and signs the note.
    const doctor = await signedIn(browser, server.baseUrl, STAFF.doctor.email, PASSWORD);
    await doctor.goto(patientUrl);
    await doctor.getByRole('tab', { name: 'Encounters' }).click();
    // While the list is empty the tab offers the action twice (header and empty state); either opens the form.
    await doctor.getByRole('button', { name: 'New encounter' }).first().click();
    await doctor
      .getByRole('dialog')
      .getByRole('textbox', { name: 'Chief complaint' })
      .fill('Sore throat and fever');
    await doctor.getByRole('button', { name: 'Start encounter' }).click();
    await doctor
      .getByRole('textbox', { name: 'Subjective' })
      .fill('Sore throat for two days, fever at night.');
    await doctor.getByRole('textbox', { name: 'Objective' }).fill('Red pharynx, no exudate. Temp 38.2 C.');
    await doctor.getByRole('textbox', { name: 'Assessment' }).fill('Acute pharyngitis.');
    await doctor
      .getByRole('textbox', { name: 'Plan' })
      .fill('Symptomatic care; review in 5 days if not better.');
    await doctor.getByRole('button', { name: 'Save draft' }).click();
    await doctor.getByRole('combobox', { name: 'Add a diagnosis' }).fill('J02');
    await doctor.getByRole('option', { name: /J02\.9/ }).click();
    await doctor.getByRole('button', { name: 'Prescribe' }).click();
    const rx = doctor.getByRole('dialog', { name: 'Prescribe medication' });
    await rx.getByRole('textbox', { name: 'Drug' }).fill('Paracetamol');
    await rx.getByRole('textbox', { name: 'Strength' }).fill('500 mg');
    await rx.getByRole('textbox', { name: 'Dose' }).fill('1 tablet');
    await rx.getByRole('textbox', { name: 'Duration (days)' }).fill('5');
    await rx.getByRole('combobox', { name: 'Route' }).click();
    await doctor.getByRole('option', { name: 'oral', exact: true }).click();
    await rx.getByRole('combobox', { name: 'Frequency' }).click();
    await doctor.getByRole('option', { name: 'every 8 hours' }).click();
    await rx.getByRole('textbox', { name: 'Quantity' }).fill('15');
    await rx.getByRole('button', { name: 'Prescribe' }).click();
    await rx.waitFor({ state: 'hidden' });
    await shot(doctor, 'soap-note-draft');
    await doctor.getByRole('button', { name: 'Sign note' }).click();
    await doctor.getByRole('button', { name: 'Sign and lock' }).click();
    await doctor.getByText(/Signed by/).waitFor();
    await shot(doctor, 'note-signed');
    await otherScreens(doctor, shot, 'signed note');
    await doctor.goto(`${patientUrl}/summary`);
    await doctor.getByText('Paracetamol').first().waitFor();
    await otherScreens(doctor, shot, 'chart summary');

    // Nurse drafts and submits a certificate.
    await nurse.goto(`${patientUrl}/certificates`);
    await nurse.getByRole('button', { name: 'New certificate' }).click();
    const cert = nurse.getByRole('dialog', { name: 'New medical certificate' });
    await cert.getByRole('combobox', { name: 'Type' }).click();
    await nurse.getByRole('option', { name: 'Fit to work' }).click();
    await cert.getByRole('textbox', { name: 'Findings' }).fill('Recovered from acute pharyngitis.');
    await cert.getByRole('textbox', { name: 'Recommendation' }).fill('Fit to return to work.');
    await cert.getByRole('button', { name: 'Save and submit' }).click();
    await nurse.getByText('Awaiting approval').waitFor();
    await shot(nurse, 'certificate-submitted');

    // Doctor approves from the inbox.
    await doctor.getByRole('link', { name: /Certificates to approve/ }).click();
    await doctor.getByRole('button', { name: /Muñoz.*Fit to work|Fit to work.*Muñoz/ }).click();
    await doctor.getByRole('button', { name: 'Approve' }).click();
    await doctor.getByRole('button', { name: 'Approve and sign' }).click();
    await doctor.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot(doctor, 'certificate-approved');

    // The PDF downloads and shows the patient's name and the verification code.
    await nurse.goto(`${patientUrl}/certificates`);
    const code = ((await nurse.getByTestId('verification-code').first().textContent()) ?? '').trim();
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const [download] = await Promise.all([
      nurse.waitForEvent('download'),
      nurse.getByRole('link', { name: 'Download PDF' }).first().click(),
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-cert-'));
    const pdf = path.join(dir, 'certificate.pdf');
    await download.saveAs(pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, path.join(dir, 'page')]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    assert.ok(text.includes('Muñoz'), `the PDF names the patient:\n${text}`);
    assert.ok(text.includes(code), `the PDF carries the verification code ${code}`);
    fs.copyFileSync(
      path.join(dir, 'page.png'),
      path.join(ARTIFACTS, 'clinical-visit', 'certificate-pdf-page1.png'),
    );

    // The public verification page confirms it, without signing in.
    const publicPage = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await publicPage.goto(`${server.baseUrl}/verify/${code}?lang=en`);
    await publicPage.getByRole('heading', { name: 'Valid certificate' }).waitFor();
    const body = (await publicPage.textContent('body')) ?? '';
    assert.ok(!body.includes('Muñoz'), 'the public page shows initials, not the name');
    await shot(publicPage, 'public-verify');
  } finally {
    await browser.close();
    await server.stop();
  }
}
