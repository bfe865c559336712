// A clinic's first day from a fresh install: the admin replaces the printed password, enrols TOTP and sets the
// clinic up in the guide (Spain, Europe/Madrid, EUR, Spanish) → the checklist on the home page shows what is
// left → a doctor is invited, gets the link by email (a real SMTP server) and sets a password → the doctor's home
// shows the queue live when the front desk checks a patient in.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { ADMIN_PASSWORD, solidPng, totp } from './api-setup.ts';
import { launchBrowser, shooter, startServer } from './harness.ts';

const DOCTOR = { name: 'Elena Ruiz', email: 'elena@example.org', password: 'coral-harbour-window-37' };
const DESK = { name: 'Pablo Mesa', email: 'pablo@example.org', password: 'coral-harbour-window-38' };

/** A real SMTP server that keeps every message's recipients and raw text. */
async function mailbox() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Chooses in a searchable select by typing, as a keyboard user would. */
async function choose(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByLabel(new RegExp(`^${label}`)).first();
  await input.click();
  if (await input.isEditable()) await input.fill(text);
  await page.getByRole('option', { name: text, exact: false }).first().click();
}

async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('form button[type=submit]').click();
}

export async function run(): Promise<void> {
  const mail = await mailbox();
  const server = await startServer({ SMTP_URL: `smtp://127.0.0.1:${mail.port}` });
  const browser = await launchBrowser();
  const shot = shooter('first-day');
  try {
    const admin = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } })
    ).newPage();
    await signIn(admin, server.baseUrl, server.adminEmail, server.adminPassword);
    await admin.waitForURL(/\/change-password/);
    await admin.getByLabel('Current password').fill(server.adminPassword);
    await admin.getByLabel('New password', { exact: true }).fill(ADMIN_PASSWORD);
    await admin.getByLabel('Repeat the new password').fill(ADMIN_PASSWORD);
    await admin.getByRole('button', { name: 'Change password' }).click();
    await admin.waitForURL(/\/mfa-setup/);
    await admin.getByAltText(/QR code/).waitFor();
    const secret = ((await admin.locator('.secret-code').textContent()) ?? '').replace(/\s+/g, '');
    await admin.getByLabel('6-digit code from the app').fill(totp(secret));
    await admin.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await admin.getByRole('button', { name: 'I saved them, continue' }).click();
    await admin.getByRole('heading', { name: 'Set-up guide' }).waitFor();
    await shot(admin, 'guide-clinic');

    // The clinic step: a clinic in Spain that works in Spanish.
    await admin.getByLabel('Clinic name').fill('Clínica del Sol');
    await choose(admin, 'Country', 'Spain');
    await choose(admin, 'Time zone', 'Europe/Madrid');
    await choose(admin, 'Currency', 'EUR');
    await choose(admin, 'Default language', 'Español');
    // The logo goes to the file store as soon as it is chosen, and shows at the top of every page.
    await admin.locator('input[type=file]').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: solidPng(64, 64, [13, 148, 136]),
    });
    await admin.getByText('The logo has been saved.').waitFor();
    const logo = admin.getByRole('img', { name: 'The clinic logo' });
    await logo.waitFor();
    assert.ok(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 64));
    await shot(admin, 'guide-clinic-filled');
    await admin.getByRole('button', { name: 'Save and continue' }).click();
    // The admin chose no language of their own: the app follows the clinic into Spanish.
    await admin.getByRole('heading', { name: 'Guía de configuración' }).waitFor();
    await shot(admin, 'guide-departments-es');
    const settings = await (await admin.request.get(`${server.baseUrl}/api/settings/system`)).json();
    assert.deepEqual(
      [
        settings.country,
        settings.defaultPhoneRegion,
        settings.timeZone,
        settings.currency,
        settings.defaultLanguage,
      ],
      ['ES', 'ES', 'Europe/Madrid', 'EUR', 'es'],
    );

    // The checklist on the home page says what is left: services and providers' hours (mail is set by SMTP_URL).
    await admin.goto(`${server.baseUrl}/`);
    const checklist = admin
      .locator('section')
      .filter({ has: admin.getByRole('heading', { name: 'Lista de configuración' }) });
    await checklist.getByText('Añadir al menos un servicio').waitFor();
    await checklist.getByText('Dar horario semanal').waitFor();
    assert.equal(await checklist.getByText('Dar a la clínica su nombre').count(), 0);
    assert.equal(await checklist.getByText('Configurar el correo saliente').count(), 0);
    await shot(admin, 'home-checklist-es');

    // The doctor is invited (no password): the welcome link arrives by email.
    const api = admin.request;
    const headers = { origin: server.baseUrl };
    const invited = await api.post(`${server.baseUrl}/api/users`, {
      data: { name: DOCTOR.name, email: DOCTOR.email, roles: ['doctor'], licenceNumber: 'MED-2026' },
      headers,
    });
    assert.equal(invited.status(), 201, await invited.text());
    const doctorId = (await invited.json()).id as string;
    let link: string | undefined;
    for (let i = 0; i < 100 && !link; i++) {
      const message = mail.received.find((m) => m.to.includes(DOCTOR.email));
      link = message?.raw
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '=')
        .match(/reset-password\?token=([A-Za-z0-9_%-]+)/)?.[1];
      if (!link) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(link, 'the welcome email with its link arrived');
    const doctor = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } })
    ).newPage();
    await doctor.goto(`${server.baseUrl}/reset-password?token=${link}`);
    const fields = doctor.locator('input[type=password]');
    await fields.nth(0).fill(DOCTOR.password);
    await fields.nth(1).fill(DOCTOR.password);
    await shot(doctor, 'doctor-sets-password');
    await doctor.locator('form button[type=submit]').click();
    await doctor
      .getByRole('link', { name: /sign in|iniciar sesión/i })
      .first()
      .waitFor();

    // What the day needs, through the API: hours and a service for the doctor, a patient booked now, a desk.
    const everyDay = Array.from({ length: 7 }, (_, weekday) => ({
      kind: 'work',
      weekday,
      startTime: '00:00',
      endTime: '24:00',
    }));
    const adminCall = async (method: 'post' | 'put', url: string, data: unknown) => {
      const res = await api[method](`${server.baseUrl}${url}`, { data, headers });
      assert.ok(res.ok(), `${url}: ${res.status()} ${await res.text()}`);
      return res.json();
    };
    await adminCall('put', `/api/providers/${doctorId}/schedule`, { rules: everyDay });
    const service = await adminCall('post', '/api/services', {
      name: 'Consulta general',
      departmentKey: 'general',
      durationMinutes: 15,
      providerIds: [doctorId],
    });
    const patient = await adminCall('post', '/api/patients', {
      givenName: 'Carmen',
      familyName: 'Vidal',
      sex: 'female',
      birthDate: '1985-06-20',
      phone: '612 345 678',
      confirmDuplicate: true,
    });
    const startsAt = new Date(Math.ceil(Date.now() / 900_000) * 900_000 + 900_000).toISOString();
    const appointment = await adminCall('post', '/api/appointments', {
      patientId: patient.id,
      providerId: doctorId,
      serviceId: service.id,
      startsAt,
    });
    // A Spanish mobile typed without +34 is read in the clinic's country.
    assert.equal(patient.phone, '+34612345678');

    await signIn(doctor, server.baseUrl, DOCTOR.email, DOCTOR.password);
    await doctor.getByRole('heading', { name: /Bienvenido/ }).waitFor();
    const queue = doctor
      .locator('section')
      .filter({ has: doctor.getByRole('heading', { name: 'Mi fila ahora' }) });
    await queue.getByText('Nadie le está esperando.').waitFor();

    await adminCall('post', '/api/users', { ...DESK, roles: ['receptionist'] });
    const deskApi = await (await browser.newContext()).request;
    const login = await deskApi.post(`${server.baseUrl}/api/auth/login`, {
      data: { email: DESK.email, password: DESK.password },
      headers,
    });
    assert.equal(login.status(), 200, await login.text());
    // The appointment may fall on tomorrow's clinic day near midnight in Madrid: then the check-in is refused.
    const started = Date.now();
    const checkIn = await deskApi.post(`${server.baseUrl}/api/queue/check-in`, {
      data: { appointmentId: appointment.id },
      headers,
    });
    if (checkIn.status() === 409) {
      console.log('  the next quarter hour is on another clinic day in Madrid: walk-in instead');
      await adminCall('post', '/api/queue/walk-in', {
        patientId: patient.id,
        departmentKey: 'general',
        providerId: doctorId,
      });
    } else {
      assert.equal(checkIn.status(), 201, await checkIn.text());
    }
    await queue.getByText('Carmen Vidal').waitFor({ timeout: 5_000 });
    console.log(
      `  the doctor's home showed the checked-in patient ${Date.now() - started} ms after the check-in`,
    );
    await shot(doctor, 'doctor-home-live-es');
  } finally {
    await browser.close();
    await server.stop();
    await mail.close();
  }
}
