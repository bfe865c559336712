import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

const checklist = (cookie: string) => t.request({ method: 'GET', url: '/api/setup/checklist', cookie });
const missingKeys = async () => {
  const res = await checklist(admin.cookie);
  expect(res.statusCode).toBe(200);
  return (res.json().missing as { key: string }[]).map((i) => i.key);
};
async function call(method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) {
  const res = await t.request({ method, url, cookie: admin.cookie, payload });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

describe('GET /api/setup/checklist', () => {
  it('needs the settings:write permission', async () => {
    expect((await t.request({ method: 'GET', url: '/api/setup/checklist' })).statusCode).toBe(401);
    const reception = await t.userWithRoles(['receptionist']);
    const res = await checklist(reception.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('settings:write');
  });

  it('lists what a new clinic lacks, with links, and drops each item once the data is there', async () => {
    const first = await checklist(admin.cookie);
    expect(first.json()).toEqual({
      missing: [
        { key: 'clinic_details', link: '/setup/clinic' },
        { key: 'services', link: '/setup/services' },
        { key: 'provider_hours', link: '/setup/providers' },
        { key: 'mail', link: '/settings/clinic#mail' },
      ],
    });

    // A name alone is not enough: the country is part of the clinic's details.
    await call('PATCH', '/api/settings/system', { clinicName: 'Clínica San Rafael' });
    expect(await missingKeys()).toContain('clinic_details');
    await call('PATCH', '/api/settings/system', { country: 'MX', defaultPhoneRegion: 'MX' });
    expect(await missingKeys()).toEqual(['services', 'provider_hours', 'mail']);

    await call('POST', '/api/departments', { key: 'physio', name: 'Physiotherapy', ticketPrefix: 'P' });
    const service = await call('POST', '/api/services', {
      name: 'Consultation',
      departmentKey: 'physio',
      durationMinutes: 20,
    });
    expect(await missingKeys()).toEqual(['provider_hours', 'mail']);
    // An inactive service books nothing.
    await call('PATCH', `/api/services/${service.id}`, { active: false });
    expect(await missingKeys()).toContain('services');
    await call('PATCH', `/api/services/${service.id}`, { active: true });

    // A doctor without hours, or with hours that have ended, is not enough.
    const doctor = await t.userWithRoles(['doctor']);
    expect(await missingKeys()).toContain('provider_hours');
    const monday = { kind: 'work', weekday: 1, startTime: '09:00', endTime: '13:00' };
    await call('PUT', `/api/providers/${doctor.id}/schedule`, {
      rules: [{ ...monday, validFrom: '2020-01-01', validTo: '2020-12-31' }],
    });
    expect(await missingKeys()).toContain('provider_hours');
    await call('PUT', `/api/providers/${doctor.id}/schedule`, { rules: [monday] });
    expect(await missingKeys()).toEqual(['mail']);

    await call('PATCH', '/api/settings/system', { mail: { smtpHost: 'smtp.example.org' } });
    expect((await checklist(admin.cookie)).json()).toEqual({ missing: [] });

    // The doctor leaves: nobody has hours any more.
    await call('PATCH', `/api/users/${doctor.id}`, { active: false });
    expect(await missingKeys()).toEqual(['provider_hours']);
  });

  it('refuses a country that is not one, naming the field', async () => {
    const res = await t.request({
      method: 'PATCH',
      url: '/api/settings/system',
      cookie: admin.cookie,
      payload: { country: 'ZZ' },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('body.country');
  });
});
