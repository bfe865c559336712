// Each role signs in and lands on its day's work: the doctor's queue, notes, approvals and new lab results; the nurse's triage;
// the front desk's waiting room and day; the administrator's health line; the patient's next visits. The
// doctor's home follows a walk-in live. Every home is shot in English and in Spanish at 1366×768.
import assert from 'node:assert/strict';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { ADMIN_PASSWORD, adminSession, call, createStaff } from './api-setup.ts';
import { launchBrowser, otherScreens, type Server, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'amber-lantern-meadow-52';

async function as(server: Server, email: string): Promise<APIRequestContext> {
  const api = await request.newContext({
    baseURL: server.baseUrl,
    extraHTTPHeaders: { origin: server.baseUrl },
  });
  await call(api, 'post', '/api/auth/login', { email, password: PASSWORD });
  return api;
}

/** The card titled `title` on the home page. */
const card = (page: Page, title: string | RegExp) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: title }) });

/** Shoots the home in English, switches the user to Spanish, shoots again, and switches back. */
async function bothLanguages(page: Page, shot: (page: Page, step: string) => Promise<void>, who: string) {
  await page.waitForLoadState('networkidle');
  await shot(page, `${who}-en`);
  const origin = new URL(page.url()).origin;
  const language = async (value: string) => {
    const res = await page.request.patch(`${origin}/api/settings/me`, {
      data: { language: value },
      headers: { origin },
    });
    assert.equal(res.status(), 200, await res.text());
  };
  await language('es');
  await page.reload();
  await page.getByRole('heading', { name: /Bienvenido/ }).waitFor();
  await page.waitForLoadState('networkidle');
  await shot(page, `${who}-es`);
  await language('en');
}

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('home-pages');
  try {
    const { api, recoveryCode } = await adminSession(server);
    const doctor = await createStaff(api, {
      name: 'Dario Doctor',
      email: 'dario@example.org',
      password: PASSWORD,
      roles: ['doctor'],
      licenceNumber: 'MED-1',
    });
    await createStaff(api, {
      name: 'Nora Nurse',
      email: 'nora@example.org',
      password: PASSWORD,
      roles: ['nurse'],
    });
    await createStaff(api, {
      name: 'Rosa Desk',
      email: 'rosa@example.org',
      password: PASSWORD,
      roles: ['receptionist'],
    });
    const portal = await createStaff(api, {
      name: 'Lucía Muñoz',
      email: 'lucia@example.org',
      password: PASSWORD,
      roles: ['patient'],
    });
    const patient = await call<{ id: string }>(api, 'post', '/api/patients', {
      givenName: 'Lucía',
      familyName: 'Muñoz',
      sex: 'female',
      birthDate: '1990-04-12',
      confirmDuplicate: true,
    });
    await call(api, 'patch', `/api/patients/${patient.id}`, { userId: portal.id });
    const other = await call<{ id: string }>(api, 'post', '/api/patients', {
      givenName: 'Tomás',
      familyName: 'Ortega',
      sex: 'male',
      birthDate: '1977-10-02',
      confirmDuplicate: true,
    });
    await call(api, 'post', '/api/queue/walk-in', { patientId: patient.id, departmentKey: 'general' });

    const doctorApi = await as(server, 'dario@example.org');
    await call(doctorApi, 'post', `/api/patients/${other.id}/encounters`, {
      type: 'consultation',
      chiefComplaint: 'Back pain',
    });
    const nurseApi = await as(server, 'nora@example.org');
    const cert = await call<{ id: string }>(nurseApi, 'post', `/api/patients/${other.id}/certificates`, {
      type: 'fit_to_work',
      findings: 'Fit for office work.',
    });
    await call(nurseApi, 'post', `/api/certificates/${cert.id}/submit`, {});
    const lab = await nurseApi.post(
      `/api/patients/${other.id}/attachments?filename=blood-count.png&kind=lab-result`,
      {
        headers: { 'content-type': 'image/png', origin: server.baseUrl },
        data: Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('lab sheet')]),
      },
    );
    assert.equal(lab.status(), 201, await lab.text());

    const doctorPage = await signedIn(browser, server.baseUrl, 'dario@example.org', PASSWORD);
    await card(doctorPage, 'My queue now').getByText('Lucía Muñoz').waitFor();
    await card(doctorPage, 'Notes to sign').getByText('Tomás Ortega').waitFor();
    await card(doctorPage, 'New files for my patients').getByText('blood-count.png').waitFor();
    await card(doctorPage, 'Certificates to approve')
      .getByText(/Tomás Ortega/)
      .waitFor();
    // A walk-in registered at the desk reaches the doctor's open home without a reload.
    const started = Date.now();
    await call(api, 'post', '/api/queue/walk-in', { patientId: other.id, departmentKey: 'general' });
    await card(doctorPage, 'My queue now').getByText('Tomás Ortega').waitFor({ timeout: 5_000 });
    console.log(`  doctor's home showed the walk-in ${Date.now() - started} ms after it was registered`);
    await bothLanguages(doctorPage, shot, 'doctor');
    await otherScreens(doctorPage, shot, "doctor's home");
    assert.equal(doctor.id.length > 0, true);

    const nursePage = await signedIn(browser, server.baseUrl, 'nora@example.org', PASSWORD);
    const triage = card(nursePage, 'Waiting for triage');
    await triage.getByText('Lucía Muñoz').waitFor();
    await card(nursePage, 'Waiting room').waitFor();
    await bothLanguages(nursePage, shot, 'nurse');

    const deskPage = await signedIn(browser, server.baseUrl, 'rosa@example.org', PASSWORD);
    const waiting = card(deskPage, 'Waiting room');
    await waiting.getByText('Waiting now').waitFor();
    assert.match(await waiting.innerText(), /Waiting now\s+2/);
    await bothLanguages(deskPage, shot, 'receptionist');
    await otherScreens(deskPage, shot, "receptionist's home");

    const adminPage = await signedIn(browser, server.baseUrl, server.adminEmail, ADMIN_PASSWORD, {
      otp: recoveryCode,
    });
    await card(adminPage, 'System health').getByText('Database answering').waitFor();
    await card(adminPage, 'Users who have not signed in yet').getByText('Lucía Muñoz').waitFor();
    await bothLanguages(adminPage, shot, 'admin');

    const patientPage = await signedIn(browser, server.baseUrl, 'lucia@example.org', PASSWORD);
    await card(patientPage, 'My next appointments').waitFor();
    await card(patientPage, 'My record').getByRole('link', { name: 'Open my record' }).waitFor();
    await bothLanguages(patientPage, shot, 'patient');
  } finally {
    await browser.close();
    await server.stop();
  }
}
