// Receptionist books a patient with the wizard and checks her in → the doctor's queue page, already open,
// shows her within a second without a reload → the doctor calls her from the waiting room → the
// waiting-room display shows the ticket.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { adminApi, call, createStaff } from './api-setup.ts';
import { launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

const PASSWORD = 'amber-lantern-meadow-52';
const STAFF = {
  receptionist: { name: 'Rosa Desk', email: 'rosa@example.org', roles: ['receptionist'] },
  doctor: {
    name: 'Dario Doctor',
    email: 'dario@example.org',
    roles: ['doctor'],
    licenceNumber: 'MED-778899',
  },
};

/** A fixed-offset zone where it is now mid-morning, so today always has free times whenever the test runs. */
function morningZone(): string {
  const east = Math.max(-12, Math.min(14, 10 - new Date().getUTCHours()));
  return east === 0 ? 'UTC' : `Etc/GMT${east > 0 ? '-' : '+'}${Math.abs(east)}`;
}

/** Chooses in a searchable select of the open dialog by typing, as a keyboard user would. */
async function pickOption(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByRole('dialog').getByLabel(label, { exact: true });
  await input.fill(text);
  await input.press('ArrowDown');
  await input.press('Enter');
}

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const shot = shooter('front-desk-queue');
  try {
    const api = await adminApi(server);
    await call(api, 'patch', '/api/settings/system', { timeZone: morningZone() });
    await createStaff(api, { ...STAFF.receptionist, password: PASSWORD });
    const doctor = await createStaff(api, { ...STAFF.doctor, password: PASSWORD });
    const everyDay = Array.from({ length: 7 }, (_, weekday) => ({
      kind: 'work',
      weekday,
      startTime: '00:00',
      endTime: '24:00',
    }));
    await call(api, 'put', `/api/providers/${doctor.id}/schedule`, { rules: everyDay });
    await call(api, 'post', '/api/services', {
      name: 'General consultation',
      departmentKey: 'general',
      durationMinutes: 15,
      providerIds: [doctor.id],
    });
    await call(api, 'post', '/api/patients', {
      givenName: 'Lucía',
      familyName: 'Muñoz',
      sex: 'female',
      birthDate: '1990-04-12',
      confirmDuplicate: true,
    });
    await call(api, 'post', '/api/rooms', { name: 'Room 1', departmentKey: 'general' });
    const display = await call<{ token: string }>(api, 'post', '/api/displays', {
      departmentKey: 'general',
      name: 'Waiting room',
    });

    // The doctor's queue and the waiting-room screen are open before anyone arrives.
    const doctorPage = await signedIn(browser, server.baseUrl, STAFF.doctor.email, PASSWORD);
    await doctorPage.goto(`${server.baseUrl}/my-queue`);
    await doctorPage.getByRole('button', { name: 'See next patient' }).waitFor();
    await doctorPage.getByRole('combobox', { name: 'Your room' }).click();
    await doctorPage.getByRole('option', { name: 'Room 1' }).click();
    const screen = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } })
    ).newPage();
    await screen.goto(`${server.baseUrl}/display/general?token=${encodeURIComponent(display.token)}`);
    await screen.getByText('Please wait to be called.').waitFor();

    // The receptionist books with the wizard: patient → service → provider → a free time today → confirm.
    const desk = await signedIn(browser, server.baseUrl, STAFF.receptionist.email, PASSWORD);
    await desk.goto(`${server.baseUrl}/calendar`);
    await desk.getByRole('button', { name: 'Book an appointment' }).first().click();
    const wizard = desk.getByRole('dialog', { name: 'Book an appointment' });
    await wizard.getByRole('searchbox', { name: 'Find the patient' }).fill('Muñoz');
    await wizard.getByRole('button', { name: /Lucía Muñoz/ }).click();
    await pickOption(desk, 'Service', 'General consultation');
    await wizard.getByRole('button', { name: 'Next' }).click();
    // The only provider offering the service is chosen already.
    await wizard.getByText('Dario Doctor').first().waitFor();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard
      .getByRole('button', { name: /^Choose / })
      .first()
      .click();
    await shot(desk, 'booking-confirm');
    await wizard.getByRole('button', { name: 'Book', exact: true }).click();
    await desk.getByText(/Lucía Muñoz is booked for/).waitFor();
    await desk
      .getByRole('button', { name: /Lucía Muñoz, General consultation/ })
      .first()
      .waitFor();
    await shot(desk, 'calendar-booked');
    await otherScreens(desk, shot, 'calendar');

    // Check-in at the front desk; the doctor's open page must show her within a second, without a reload.
    await desk.goto(`${server.baseUrl}/front-desk`);
    await desk.getByRole('button', { name: 'Check in' }).first().click();
    const confirm = desk.getByRole('dialog', { name: 'Check in Lucía Muñoz' });
    const checkedIn = desk.waitForResponse(
      (r) => r.url().endsWith('/api/queue/check-in') && r.status() === 201,
    );
    await confirm.getByRole('button', { name: 'Check in' }).click();
    await checkedIn;
    const answered = Date.now();
    await doctorPage.getByText('Lucía Muñoz').first().waitFor({ timeout: 5000 });
    const shownAfter = Date.now() - answered;
    await shot(doctorPage, 'doctor-queue-waiting');
    console.log(
      `  the doctor's open queue showed the checked-in patient ${shownAfter} ms after the check-in answered`,
    );
    assert.ok(shownAfter < 1000, `the doctor's queue showed the patient ${shownAfter} ms after check-in`);
    await desk.getByText(/is checked in with ticket A-001/).waitFor();
    await shot(desk, 'front-desk-checked-in');
    await otherScreens(desk, shot, 'front desk');

    // The doctor calls next: the ticket is called, and the display shows it as being served.
    await screen.getByRole('region', { name: 'Next' }).getByText('A-001').waitFor({ timeout: 5000 });
    // Called from the waiting room (the one-click "See next patient" also starts and opens the encounter).
    await doctorPage.getByRole('button', { name: 'Call from the waiting room' }).click();
    await doctorPage.getByText(/A-001/).first().waitFor();
    const serving = screen.getByRole('region', { name: 'Now serving' });
    await serving.getByText('A-001').waitFor({ timeout: 5000 });
    await serving.getByText('Room 1').waitFor();
    await shot(screen, 'display-now-serving');
    assert.equal(
      await screen.getByText('Lucía').count(),
      0,
      'the public display must not show patient names',
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}
