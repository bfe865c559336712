import { randomUUID } from 'node:crypto';
import { CERTIFICATE_CHANGED_EVENT } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../platform/db/database.ts';
import { EVENTS_CHANNEL } from '../../platform/events/events.publisher.ts';
import { outboxMessages } from '../../platform/outbox/outbox.schema.ts';
import { pdfToText } from '../../platform/pdf/pdf-extract.test-helper.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { patients } from '../patients/patients.schema.ts';
import { updateUser } from '../users/users.repository.ts';
import { certificates } from './certificates.schema.ts';

async function insertPatient(
  db: Executor,
  p: { givenName: string; middleName?: string; familyName: string; email?: string; userId?: string },
): Promise<string> {
  const [row] = await db
    .insert(patients)
    .values({
      mrn: `T-${randomUUID().slice(0, 8)}`,
      givenName: p.givenName,
      middleName: p.middleName ?? null,
      familyName: p.familyName,
      searchName: `${p.givenName} ${p.familyName}`.toLowerCase(),
      sex: 'male',
      birthDate: '1990-05-03',
      email: p.email ?? null,
      userId: p.userId ?? null,
    })
    .returning({ id: patients.id });
  if (!row) throw new Error('no patient');
  return row.id;
}

let t: TestApp;
let nurse: TestUser;
let receptionist: TestUser;
let doctor: TestUser;
let unlicensed: TestUser;
let pharmacist: TestUser;
let portal: TestUser;
let patientId: string;
let quietId: string;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await createTestApp();
  nurse = await t.userWithRoles(['nurse']);
  receptionist = await t.userWithRoles(['receptionist']);
  doctor = await t.userWithRoles(['doctor']);
  unlicensed = await t.userWithRoles(['doctor']);
  pharmacist = await t.userWithRoles(['pharmacist']);
  portal = await t.userWithRoles(['patient']);
  await updateUser(t.app.ctx.db, doctor.id, { licenceNumber: 'MED-55731', name: 'Dra. María Peña' });
  patientId = await insertPatient(t.app.ctx.db, {
    givenName: 'José',
    middleName: 'Luis',
    familyName: 'Muñoz Peña',
    email: 'jose@example.org',
    userId: portal.id,
  });
  quietId = await insertPatient(t.app.ctx.db, { givenName: 'Ana', familyName: 'Sin Correo' });
});
afterAll(async () => t?.close());

const db = () => t.app.ctx.db;
const sickLeave = {
  type: 'sick_leave',
  findings: 'Acute pharyngitis, 38.6 °C.',
  recommendation: 'Rest and fluids.',
  validFrom: '2026-03-14',
  validTo: '2026-03-18',
};

async function draft(payload: object = sickLeave, cookie = nurse.cookie, id = patientId) {
  const res = await t.request({ method: 'POST', url: `/api/patients/${id}/certificates`, cookie, payload });
  if (res.statusCode !== 201) throw new Error(`draft failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; status: string };
}

const act = (id: string, action: string, cookie: string, payload?: object) =>
  t.request({
    method: 'POST',
    url: `/api/certificates/${id}/${action}`,
    cookie,
    ...(payload ? { payload } : {}),
  });

async function approved(payload: object = sickLeave, patient = patientId) {
  const c = await draft(payload, nurse.cookie, patient);
  expect((await act(c.id, 'submit', nurse.cookie)).statusCode).toBe(200);
  const res = await act(c.id, 'approve', doctor.cookie);
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; number: string; verificationCode: string };
}

describe('POST /api/patients/:patientId/certificates', () => {
  it('drafts a certificate (nurse and receptionist), audited', async () => {
    const res = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/certificates`,
      cookie: nurse.cookie,
      payload: sickLeave,
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      status: 'draft',
      type: 'sick_leave',
      restDays: 5,
      number: null,
      verificationCode: null,
      patient: { id: patientId, name: 'José Luis Muñoz Peña' },
      createdBy: { id: nurse.id },
    });
    expect(await auditOf(db(), 'certificate.create', c.id)).toHaveLength(1);
    const desk = await draft({ type: 'fit_to_work', findings: 'Healthy.' }, receptionist.cookie);
    expect(desk.status).toBe('draft');
  });

  it('answers 401 without a session and 403 to roles that cannot draft', async () => {
    const url = `/api/patients/${patientId}/certificates`;
    expect((await t.request({ method: 'POST', url, payload: sickLeave })).statusCode).toBe(401);
    for (const user of [pharmacist, portal]) {
      expect(
        (await t.request({ method: 'POST', url, cookie: user.cookie, payload: sickLeave })).statusCode,
      ).toBe(403);
    }
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await snapshot(db(), certificates);
    const cases: [object, string][] = [
      [{ type: 'custom', findings: 'x' }, 'body.title'],
      [{ type: 'sick_leave', findings: 'x', validTo: '2026-03-18' }, 'body.validFrom'],
      [{ type: 'sick_leave', findings: 'x', validFrom: '2026-03-18' }, 'body.validTo'],
      [{ ...sickLeave, validTo: '2026-03-01' }, 'body.validTo'],
      [{ ...sickLeave, validTo: '2028-03-01' }, 'body.validTo'],
      [{ ...sickLeave, validFrom: '14/03/2026' }, 'body.validFrom'],
      [{ ...sickLeave, findings: '  ' }, 'body.findings'],
      [{ ...sickLeave, type: 'vacation' }, 'body.type'],
      [{ ...sickLeave, doctor: 'me' }, 'body.doctor'],
    ];
    for (const [payload, path] of cases) {
      const res = await t.request({
        method: 'POST',
        url: `/api/patients/${patientId}/certificates`,
        cookie: nurse.cookie,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    const unknown = await t.request({
      method: 'POST',
      url: `/api/patients/${randomUUID()}/certificates`,
      cookie: nurse.cookie,
      payload: sickLeave,
    });
    expect(unknown.statusCode).toBe(404);
    expect(await snapshot(db(), certificates)).toEqual(before);
  });
});

describe('the workflow', () => {
  it('edits a draft, submits it, and refuses edits once submitted (409)', async () => {
    const c = await draft();
    const edit = await t.request({
      method: 'PATCH',
      url: `/api/certificates/${c.id}`,
      cookie: receptionist.cookie,
      payload: { validTo: '2026-03-15' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().restDays).toBe(2);
    expect(await auditOf(db(), 'certificate.update', c.id)).toHaveLength(1);
    const bad = await t.request({
      method: 'PATCH',
      url: `/api/certificates/${c.id}`,
      cookie: nurse.cookie,
      payload: { validFrom: '2026-03-20' },
    });
    expect(errorPaths(bad)).toEqual(['body.validTo']);
    const submitted = await act(c.id, 'submit', nurse.cookie);
    expect(submitted.json()).toMatchObject({ status: 'submitted' });
    expect(submitted.json().submittedAt).toBeTruthy();
    expect(await auditOf(db(), 'certificate.submit', c.id)).toHaveLength(1);
    expect((await act(c.id, 'submit', nurse.cookie)).statusCode).toBe(409);
    const late = await t.request({
      method: 'PATCH',
      url: `/api/certificates/${c.id}`,
      cookie: nurse.cookie,
      payload: { findings: 'changed' },
    });
    expect(late.statusCode).toBe(409);
    expect((await act(c.id, 'approve', pharmacist.cookie)).statusCode).toBe(403);
    expect((await act(c.id, 'approve', nurse.cookie)).statusCode).toBe(403);
  });

  it('refuses approval by a doctor without a licence number (409), then approves: number, code, doctor, email', async () => {
    const c = await draft();
    await act(c.id, 'submit', nurse.cookie);
    const refused = await act(c.id, 'approve', unlicensed.cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/licence number/);
    const messagesBefore = await snapshot(db(), outboxMessages);
    const res = await act(c.id, 'approve', doctor.cookie);
    expect(res.statusCode).toBe(200);
    const cert = res.json();
    expect(cert.status).toBe('approved');
    expect(cert.number).toMatch(new RegExp(`^CERT-${year}-\\d{6}$`));
    expect(cert.verificationCode).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/,
    );
    expect(cert.approvedBy).toEqual({ id: doctor.id, name: 'Dra. María Peña', licenceNumber: 'MED-55731' });
    expect(cert.approvedAt).toBeTruthy();
    expect(cert.verifyUrl).toBe(`${t.config.publicUrl}/verify/${cert.verificationCode}`);
    const [event] = await auditOf(db(), 'certificate.approve', c.id);
    expect(event).toMatchObject({ actorId: doctor.id, patientId, details: { number: cert.number } });
    const messages = (await db().select().from(outboxMessages)).filter(
      (m) => !messagesBefore.some((b) => b.includes(m.id)),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'email', to: 'jose@example.org' });
    expect(messages[0]?.subject).toContain(cert.number);
    expect(messages[0]?.body).toContain(cert.verifyUrl);
    expect((await act(c.id, 'approve', doctor.cookie)).statusCode).toBe(409);
    expect((await act(c.id, 'reject', doctor.cookie, { reason: 'late' })).statusCode).toBe(409);
  });

  it('rejects with a reason (emailed), then a correction puts it back to draft', async () => {
    const c = await draft();
    await act(c.id, 'submit', nurse.cookie);
    const noReason = await act(c.id, 'reject', doctor.cookie, { reason: '' });
    expect(errorPaths(noReason)).toEqual(['body.reason']);
    const res = await act(c.id, 'reject', doctor.cookie, { reason: 'The dates do not match the exam.' });
    expect(res.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'The dates do not match the exam.',
      rejectedBy: { id: doctor.id },
    });
    const mails = await db().select().from(outboxMessages).where(eq(outboxMessages.to, 'jose@example.org'));
    const rejection = mails.filter((m) => m.body.includes('The dates do not match the exam.'));
    expect(rejection).toHaveLength(1);
    expect(rejection[0]?.subject).toContain('not approved');
    expect(await auditOf(db(), 'certificate.reject', c.id)).toHaveLength(1);
    expect((await act(c.id, 'submit', nurse.cookie)).statusCode).toBe(409);
    const fixed = await t.request({
      method: 'PATCH',
      url: `/api/certificates/${c.id}`,
      cookie: nurse.cookie,
      payload: { validTo: '2026-03-16' },
    });
    expect(fixed.json().status).toBe('draft');
    expect((await act(c.id, 'submit', nurse.cookie)).json().status).toBe('submitted');
    expect((await act(c.id, 'approve', doctor.cookie)).json().status).toBe('approved');
  });

  it('queues no email for a patient without an address', async () => {
    const before = await snapshot(db(), outboxMessages);
    await approved({ type: 'fit_to_study', findings: 'Healthy.' }, quietId);
    expect(await snapshot(db(), outboxMessages)).toEqual(before);
  });

  it('publishes certificate.changed for the inbox badge on each transition', async () => {
    const seen: { type: string; permission: string; resourceId: string }[] = [];
    const stop = await t.database.listen(EVENTS_CHANNEL, (payload) => seen.push(JSON.parse(payload)));
    try {
      const c = await draft();
      await act(c.id, 'submit', nurse.cookie);
      await act(c.id, 'reject', doctor.cookie, { reason: 'no' });
      await new Promise((r) => setTimeout(r, 300));
      const badge = seen.filter(
        (e) =>
          e.type === CERTIFICATE_CHANGED_EVENT &&
          e.permission === 'certificates:approve' &&
          e.resourceId === c.id,
      );
      expect(badge).toHaveLength(3);
    } finally {
      await stop();
    }
  });
});

describe("the doctors' inbox", () => {
  it('lists submitted certificates oldest first, paginated, with a count', async () => {
    const first = await draft();
    const second = await draft({ type: 'medical_clearance', findings: 'Fit for surgery.' });
    await act(first.id, 'submit', nurse.cookie);
    await act(second.id, 'submit', nurse.cookie);
    const count = await t.request({
      method: 'GET',
      url: '/api/certificates/inbox-count',
      cookie: doctor.cookie,
    });
    expect(count.statusCode).toBe(200);
    const n = count.json().count;
    expect(n).toBeGreaterThanOrEqual(2);
    const page = await t.request({
      method: 'GET',
      url: `/api/certificates?status=submitted&pageSize=${n}`,
      cookie: doctor.cookie,
    });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.total).toBe(n);
    const ids = body.items.map((c: { id: string }) => c.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    const times = body.items.map((c: { submittedAt: string }) => c.submittedAt);
    expect([...times].sort()).toEqual(times);
    expect(body.items.every((c: { status: string }) => c.status === 'submitted')).toBe(true);
    const small = await t.request({
      method: 'GET',
      url: '/api/certificates?status=submitted&pageSize=1&page=2',
      cookie: doctor.cookie,
    });
    expect(small.json().items).toHaveLength(1);
    const [audit] = (await auditOf(db(), 'certificates.list.read')).slice(-1);
    expect(audit?.details).toMatchObject({ status: 'submitted' });
  });

  it('keeps the inbox to those allowed and refuses bad filters', async () => {
    expect(
      (await t.request({ method: 'GET', url: '/api/certificates/inbox-count', cookie: nurse.cookie }))
        .statusCode,
    ).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/certificates/inbox-count' })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'GET', url: '/api/certificates', cookie: pharmacist.cookie })).statusCode,
    ).toBe(403);
    expect(
      (await t.request({ method: 'GET', url: '/api/certificates', cookie: portal.cookie })).statusCode,
    ).toBe(403);
    const bad = await t.request({
      method: 'GET',
      url: '/api/certificates?status=lost',
      cookie: doctor.cookie,
    });
    expect(errorPaths(bad)).toEqual(['query.status']);
    const badSort = await t.request({
      method: 'GET',
      url: '/api/certificates?sort=findings',
      cookie: doctor.cookie,
    });
    expect(errorPaths(badSort)).toEqual(['query.sort']);
  });
});

describe('numbering', () => {
  it('gives concurrent approvals distinct, consecutive numbers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const c = await draft({ type: 'fit_to_work', findings: `Exam ${i}.` });
      await act(c.id, 'submit', nurse.cookie);
      ids.push(c.id);
    }
    const results = await Promise.all(ids.map((id) => act(id, 'approve', doctor.cookie)));
    expect(results.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    const serials = results.map((r) => Number(r.json().number.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(serials).size).toBe(8);
    expect(serials.at(-1)! - serials[0]!).toBe(7);
    const codes = results.map((r) => r.json().verificationCode);
    expect(new Set(codes).size).toBe(8);
  });
});

describe('reading and printing', () => {
  it('prints the signed PDF with the patient name and code; the first download issues it', async () => {
    const c = await approved();
    const res = await t.request({
      method: 'GET',
      url: `/api/certificates/${c.id}/pdf`,
      cookie: nurse.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${c.number}.pdf`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(res.rawPayload);
    expect(text).toContain('José Luis Muñoz Peña');
    expect(text).toContain(c.verificationCode);
    expect(text).toContain(c.number);
    expect(text).toContain('MED-55731');
    const after = await t.request({ method: 'GET', url: `/api/certificates/${c.id}`, cookie: nurse.cookie });
    expect(after.json().status).toBe('issued');
    expect(after.json().issuedAt).toBeTruthy();
    await t.request({ method: 'GET', url: `/api/certificates/${c.id}/pdf?lang=es`, cookie: doctor.cookie });
    expect(await auditOf(db(), 'certificate.issue', c.id)).toHaveLength(1);
    expect((await auditOf(db(), 'certificate.pdf.read', patientId)).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses to print a draft or a revoked certificate (409)', async () => {
    const d = await draft();
    expect(
      (await t.request({ method: 'GET', url: `/api/certificates/${d.id}/pdf`, cookie: nurse.cookie }))
        .statusCode,
    ).toBe(409);
    const c = await approved();
    const revoked = await act(c.id, 'revoke', doctor.cookie, { reason: 'Issued in error.' });
    expect(revoked.json().status).toBe('revoked');
    expect(await auditOf(db(), 'certificate.revoke', c.id)).toHaveLength(1);
    expect(
      (await t.request({ method: 'GET', url: `/api/certificates/${c.id}/pdf`, cookie: nurse.cookie }))
        .statusCode,
    ).toBe(409);
    expect((await act(d.id, 'revoke', doctor.cookie, { reason: 'x' })).statusCode).toBe(409);
  });

  it('shows a patient only their own signed certificates', async () => {
    const signed = await approved();
    const pending = await draft();
    const list = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/certificates`,
      cookie: portal.cookie,
    });
    expect(list.statusCode).toBe(200);
    const statuses = new Set(list.json().items.map((c: { status: string }) => c.status));
    expect([...statuses].every((s) => ['approved', 'issued', 'revoked'].includes(String(s)))).toBe(true);
    expect(
      (await t.request({ method: 'GET', url: `/api/certificates/${signed.id}`, cookie: portal.cookie }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.request({ method: 'GET', url: `/api/certificates/${pending.id}`, cookie: portal.cookie }))
        .statusCode,
    ).toBe(404);
    const pdf = await t.request({
      method: 'GET',
      url: `/api/certificates/${signed.id}/pdf`,
      cookie: portal.cookie,
    });
    expect(pdf.statusCode).toBe(200);
    const other = await approved({ type: 'fit_to_work', findings: 'ok' }, quietId);
    expect(
      (await t.request({ method: 'GET', url: `/api/certificates/${other.id}`, cookie: portal.cookie }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.request({
          method: 'GET',
          url: `/api/patients/${quietId}/certificates`,
          cookie: portal.cookie,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lists all of a patient’s certificates for staff, audited; refuses others', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/certificates`,
      cookie: receptionist.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.some((c: { status: string }) => c.status === 'draft')).toBe(true);
    expect(await auditOf(db(), 'certificates.read', patientId)).not.toHaveLength(0);
    const url = `/api/patients/${patientId}/certificates`;
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url, cookie: pharmacist.cookie })).statusCode).toBe(403);
    const missing = await t.request({
      method: 'GET',
      url: `/api/certificates/${randomUUID()}`,
      cookie: nurse.cookie,
    });
    expect(missing.statusCode).toBe(404);
    const badId = await t.request({ method: 'GET', url: '/api/certificates/nope', cookie: nurse.cookie });
    expect(errorPaths(badId)).toEqual(['params.id']);
  });
});
