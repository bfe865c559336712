import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { patients } from '../patients/patients.schema.ts';
import { updateUser } from '../users/users.repository.ts';
import { VERIFY_RATE_LIMIT } from './verify.routes.ts';

let t: TestApp;
let nurse: TestUser;
let doctor: TestUser;
let valid: { id: string; verificationCode: string; number: string };
let revoked: { id: string; verificationCode: string };

async function approvedCertificate(patientId: string, payload: object) {
  const created = await t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/certificates`,
    cookie: nurse.cookie,
    payload,
  });
  const { id } = created.json();
  await t.request({ method: 'POST', url: `/api/certificates/${id}/submit`, cookie: nurse.cookie });
  return (
    await t.request({ method: 'POST', url: `/api/certificates/${id}/approve`, cookie: doctor.cookie })
  ).json();
}

beforeAll(async () => {
  t = await createTestApp();
  nurse = await t.userWithRoles(['nurse']);
  doctor = await t.userWithRoles(['doctor']);
  await updateUser(t.app.ctx.db, doctor.id, { licenceNumber: 'MED-1' });
  const admin = await t.userWithRoles(['admin']);
  await t.request({
    method: 'PATCH',
    url: '/api/settings/system',
    cookie: admin.cookie,
    payload: { clinicName: 'Clínica Norte' },
  });
  const [row] = await t.app.ctx.db
    .insert(patients)
    .values({
      mrn: `T-${randomUUID().slice(0, 8)}`,
      givenName: 'John',
      middleName: 'David',
      familyName: 'Smith',
      searchName: 'john david smith',
      sex: 'male',
      birthDate: '1980-01-01',
    })
    .returning({ id: patients.id });
  const patientId = row!.id;
  valid = await approvedCertificate(patientId, {
    type: 'custom',
    title: 'Private matter',
    findings: 'Confidential findings text.',
  });
  revoked = await approvedCertificate(patientId, { type: 'fit_to_work', findings: 'ok' });
  await t.request({
    method: 'POST',
    url: `/api/certificates/${revoked.id}/revoke`,
    cookie: doctor.cookie,
    payload: { reason: 'error' },
  });
});
afterAll(async () => t?.close());

describe('GET /verify/:code (public page)', () => {
  it('shows validity, type, issue date and initials only, without a session', async () => {
    const res = await t.request({ method: 'GET', url: `/verify/${valid.verificationCode}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html).toContain('Clínica Norte');
    expect(html).toContain('Valid certificate');
    expect(html).toContain('J. D. S.');
    expect(html).toContain('Medical certificate');
    expect(html).toContain(String(new Date().getUTCFullYear()));
    for (const secret of ['John', 'Smith', 'Private matter', 'Confidential', valid.number, 'MED-1']) {
      expect(html).not.toContain(secret);
    }
    expect(html).not.toMatch(/<script/i);
    expect(await auditOf(t.app.ctx.db, 'certificate.verify', valid.id)).toHaveLength(1);
  });

  it('accepts the code typed loosely (lower case, no dashes, O for 0)', async () => {
    const loose = valid.verificationCode.replace(/-/g, '').toLowerCase();
    expect((await t.request({ method: 'GET', url: `/verify/${loose}` })).statusCode).toBe(200);
  });

  it('says not valid for a revoked certificate', async () => {
    const res = await t.request({ method: 'GET', url: `/verify/${revoked.verificationCode}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Not valid');
    expect(res.body).not.toContain('Valid certificate');
  });

  it('answers an unknown or malformed code with a 404 page that reveals nothing', async () => {
    for (const code of ['ABCD-EFGH-JK', 'not-a-code', '<script>x</script>']) {
      const res = await t.request({ method: 'GET', url: `/verify/${encodeURIComponent(code)}` });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Certificate not found');
      expect(res.body).not.toContain('<script>x');
      expect(res.body).not.toContain('J. D. S.');
    }
  });

  it('speaks Spanish by Accept-Language or ?lang=', async () => {
    const byHeader = await t.request({
      method: 'GET',
      url: `/verify/${valid.verificationCode}`,
      headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' },
    });
    expect(byHeader.body).toContain('Certificado válido');
    expect(byHeader.body).toContain('<html lang="es">');
    const byQuery = await t.request({
      method: 'GET',
      url: `/verify/ABCD-EFGH-JK?lang=es`,
      headers: { 'accept-language': 'en' },
    });
    expect(byQuery.body).toContain('Certificado no encontrado');
  });

  it('serves a form that redirects a typed code to its page', async () => {
    const form = await t.request({ method: 'GET', url: '/verify' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form method="get" action="/verify">');
    const typed = await t.request({
      method: 'GET',
      url: `/verify?code=${valid.verificationCode.toLowerCase()}`,
    });
    expect(typed.statusCode).toBe(303);
    expect(typed.headers.location).toBe(`/verify/${valid.verificationCode.replace(/-/g, '')}?lang=en`);
  });
});

describe('GET /api/verify/:code (public JSON)', () => {
  it('returns the same facts, and 404 for an unknown code', async () => {
    const res = await t.request({ method: 'GET', url: `/api/verify/${valid.verificationCode}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      valid: true,
      status: 'valid',
      type: 'custom',
      issuedAt: expect.any(String),
      patientInitials: 'J. D. S.',
      clinicName: 'Clínica Norte',
    });
    const gone = await t.request({ method: 'GET', url: `/api/verify/${revoked.verificationCode}` });
    expect(gone.json()).toMatchObject({ valid: false, status: 'revoked', type: 'fit_to_work' });
    const unknown = await t.request({ method: 'GET', url: '/api/verify/ZZZZ-ZZZZ-ZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain('J. D. S.');
  });

  it(`limits each client to ${VERIFY_RATE_LIMIT.max} lookups a minute`, async () => {
    const codes: number[] = [];
    for (let i = 0; i < VERIFY_RATE_LIMIT.max + 1; i++) {
      const res = await t.request({
        method: 'GET',
        url: `/api/verify/ZZZZ-ZZZZ-${String(i % 10)}Z`,
        remoteAddress: '203.0.113.9',
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, VERIFY_RATE_LIMIT.max).every((c) => c === 404)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const page = await t.request({
      method: 'GET',
      url: '/verify/ZZZZ-ZZZZ-ZZ',
      remoteAddress: '203.0.113.10',
    });
    expect(page.statusCode).toBe(404);
  });
});
