import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { pdfToText } from '../../platform/pdf/pdf-extract.test-helper.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths } from '../../test/test-queries.ts';
import { portalPatient } from '../encounters/chart-fixtures.ts';
import { registerPatient, TINY_PNG } from '../patients/patient-test-fixtures.ts';
import { patchSystemSettings } from '../settings/settings.service.ts';
import { updateUser } from '../users/users.repository.ts';

let t: TestApp;
let doctor: TestUser;
let nurse: TestUser;
let dentist: TestUser;
let receptionist: TestUser;
let portal: TestUser;
let stranger: { user: TestUser; patientId: string };
let patientId: string;
let mrn: string;
let certificateNumber: string;

const SIGNED_NOTE = 'Pharynx red with exudate; no rash.';
const DRAFT_COMPLAINT = 'Knee pain after a fall';
const DRAFT_NOTE = 'Draft-only observation never signed';

async function send(method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) {
  const res = await t.request({ method, url, cookie, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const exportOf = (id: string, cookie?: string, query = '') =>
  t.request({ method: 'GET', url: `/api/patients/${id}/record.pdf${query}`, cookie });

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  const db = t.app.ctx.db;
  await patchSystemSettings(t.app.ctx, SYSTEM_ACTOR, {
    clinicName: 'Clínica San Rafael',
    address: 'Av. Reforma 120, Ciudad de México',
    phone: '+52 55 5555 0100',
    timeZone: 'America/Mexico_City',
  });
  doctor = await t.userWithRoles(['doctor']);
  nurse = await t.userWithRoles(['nurse']);
  dentist = await t.userWithRoles(['dentist']);
  receptionist = await t.userWithRoles(['receptionist']);
  portal = await t.userWithRoles(['patient']);
  stranger = await portalPatient(t);
  await updateUser(db, doctor.id, { name: 'Dra. Lucía Ortega', licenceNumber: 'MED-20931' });

  const patient = await registerPatient(t, {
    givenName: 'María',
    middleName: 'José',
    familyName: 'Muñoz Peña',
    preferredName: 'Majo',
    sex: 'female',
    birthDate: '1985-07-21',
    civilStatus: 'married',
    bloodType: 'O+',
    identifiers: [{ type: 'national', value: 'MUPM850721' }],
    phone: '+52 55 1234 5678',
    email: 'maria@example.org',
    address: { line1: 'Calle Luna 5', city: 'Puebla', country: 'MX' },
    emergencyContacts: [{ name: 'Jorge Muñoz', relationship: 'Husband', phone: '+52 55 8765 4321' }],
    payer: { name: 'Seguros Azteca', memberId: 'SA-778812' },
    allergies: [{ substance: 'Penicillin', reaction: 'Hives and swelling', severity: 'severe' }],
    conditions: [{ name: 'Type 2 diabetes mellitus', icd10Code: 'E11.9', since: '2019-03-01' }],
  });
  patientId = patient.id;
  mrn = patient.mrn;
  await send('PATCH', `/api/patients/${patientId}`, receptionist.cookie, { userId: portal.id });

  const signed = await send('POST', `/api/patients/${patientId}/encounters`, doctor.cookie, {
    type: 'consultation',
    chiefComplaint: 'Sore throat and fever for three days',
  });
  await send('PATCH', `/api/encounters/${signed.id}`, doctor.cookie, {
    subjective: 'Odynophagia, fever up to 38.9 °C.',
    objective: SIGNED_NOTE,
    assessment: 'Acute pharyngitis.',
    plan: 'Macrolide for five days; fluids; review if not better in 72 h.',
  });
  await send('POST', `/api/encounters/${signed.id}/diagnoses`, doctor.cookie, { code: 'J02.9' });
  await send('POST', `/api/encounters/${signed.id}/procedures`, doctor.cookie, {
    description: 'Rapid strep antigen test',
  });
  await send('POST', `/api/encounters/${signed.id}/prescriptions`, doctor.cookie, {
    items: [
      {
        drug: 'Azithromycin',
        strength: '500 mg',
        form: 'tablet',
        dose: '1 tablet',
        route: 'oral',
        frequency: 'once a day',
        durationDays: 5,
        quantity: 5,
      },
    ],
  });
  await send('POST', `/api/patients/${patientId}/vitals`, nurse.cookie, {
    encounterId: signed.id,
    systolic: 118,
    diastolic: 76,
    heartRate: 92,
    temperatureC: 38.4,
    heightCm: 162,
    weightKg: 61.5,
  });
  await send('POST', `/api/encounters/${signed.id}/sign`, doctor.cookie);
  await send('POST', `/api/encounters/${signed.id}/addenda`, doctor.cookie, {
    reason: 'Culture result',
    text: 'Throat culture grew group A streptococcus.',
  });

  const draft = await send('POST', `/api/patients/${patientId}/encounters`, doctor.cookie, {
    type: 'follow-up',
    chiefComplaint: DRAFT_COMPLAINT,
  });
  await send('PATCH', `/api/encounters/${draft.id}`, doctor.cookie, { subjective: DRAFT_NOTE });

  // 32 more readings: the history shows 30 of the 33 and counts the rest.
  const start = Date.parse('2025-01-01T15:00:00Z');
  for (let i = 0; i < 32; i++) {
    await send('POST', `/api/patients/${patientId}/vitals`, nurse.cookie, {
      takenAt: new Date(start + i * 86_400_000).toISOString(),
      systolic: 110 + (i % 10),
      diastolic: 70,
      spo2: 97,
    });
  }

  const cert = await send('POST', `/api/patients/${patientId}/certificates`, nurse.cookie, {
    type: 'sick_leave',
    findings: 'Acute pharyngitis.',
    validFrom: '2026-03-14',
    validTo: '2026-03-16',
  });
  await send('POST', `/api/certificates/${cert.id}/submit`, nurse.cookie);
  certificateNumber = (await send('POST', `/api/certificates/${cert.id}/approve`, doctor.cookie)).number;

  await send('POST', `/api/patients/${patientId}/dental/entries`, dentist.cookie, {
    tooth: 16,
    surfaces: ['O', 'M'],
    condition: 'caries',
  });
  const upload = await t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/attachments?filename=throat-photo.png&kind=photo`,
    cookie: nurse.cookie,
    headers: { 'content-type': 'image/png' },
    payload: TINY_PNG,
  });
  expect(upload.statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe('GET /api/patients/:id/record.pdf', () => {
  it('exports the whole record for a doctor, on the letterhead, audited once', async () => {
    const before = (await auditOf(t.app.ctx.db, 'patient.record_export.read', patientId)).length;
    const res = await exportOf(patientId, doctor.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="record-${mrn}-\\d{4}-\\d{2}-\\d{2}\\.pdf"$`),
    );
    const text = pdfToText(res.rawPayload);
    for (const expected of [
      'Clínica San Rafael',
      'Patient record',
      'America/Mexico_City',
      'María José Muñoz Peña',
      'Majo',
      mrn,
      'MUPM850721',
      'Seguros Azteca',
      'Jorge Muñoz',
      'Penicillin',
      'Hives and swelling',
      'Type 2 diabetes mellitus',
      'E11.9',
      'Sore throat and fever for three days',
      SIGNED_NOTE,
      'J02.9',
      'Acute pharyngitis, unspecified',
      'Rapid strep antigen test',
      'Azithromycin 500 mg tablet',
      'Culture result',
      'Throat culture grew group A streptococcus.',
      'Dra. Lucía Ortega',
      DRAFT_COMPLAINT,
      DRAFT_NOTE,
      '118/76',
      '3 older readings are not shown.',
      'Caries',
      certificateNumber,
      'throat-photo.png',
      'Page 1 of',
    ]) {
      expect(text).toContain(expected);
    }
    // One read event for the whole export, not one per section.
    const reads = await auditOf(t.app.ctx.db, 'patient.record_export.read', patientId);
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({ patientId, actorId: doctor.id, outcome: 'success' });
  });

  it('writes the record in Spanish with lang=es', async () => {
    const res = await exportOf(patientId, doctor.cookie, '?lang=es');
    expect(res.statusCode).toBe(200);
    const text = pdfToText(res.rawPayload);
    for (const expected of [
      'Expediente clínico',
      // Section headings print in capitals.
      'ALERGIAS',
      'ENFERMEDADES CRÓNICAS',
      'MEDICACIÓN ACTUAL',
      'SIGNOS VITALES',
      'MOTIVO DE CONSULTA',
      'DIAGNÓSTICOS',
      'CERTIFICADOS MÉDICOS',
      'ARCHIVOS ADJUNTOS',
      'Firmada por Dra. Lucía Ortega',
      'Página 1 de',
      'Penicillin',
      'J02.9',
      // The diagnosis in its CIE-10 wording; the English stays the record.
      'Faringitis aguda, no especificada',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Patient record');
    expect(text).not.toContain('Acute pharyngitis, unspecified');
  });

  it('gives a patient their own record without draft encounters', async () => {
    const res = await exportOf(patientId, portal.cookie, '?lang=en');
    expect(res.statusCode).toBe(200);
    const text = pdfToText(res.rawPayload);
    expect(text).toContain('Patient copy');
    expect(text).toContain(SIGNED_NOTE);
    expect(text).toContain('Azithromycin');
    expect(text).toContain(mrn);
    expect(text).not.toContain(DRAFT_COMPLAINT);
    expect(text).not.toContain(DRAFT_NOTE);
    expect(text).toContain('ENCOUNTERS (1)');
  });

  it("answers 404 to a patient asking for another patient's record", async () => {
    const res = await exportOf(patientId, stranger.user.cookie);
    expect(res.statusCode).toBe(404);
    const denied = await auditOf(t.app.ctx.db, 'patient.record_export.read', patientId);
    expect(denied.some((e) => e.actorId === stranger.user.id && e.outcome === 'denied')).toBe(true);
  });

  it('answers 401 without a session and 403 to the front desk', async () => {
    expect((await exportOf(patientId)).statusCode).toBe(401);
    const res = await exportOf(patientId, receptionist.cookie);
    expect(res.statusCode).toBe(403);
  });

  it('answers 400 naming the field for a bad language or id, 404 for an unknown patient', async () => {
    const bad = await exportOf(patientId, doctor.cookie, '?lang=fr');
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['query.lang']);
    expect(errorPaths(await exportOf('not-a-uuid', doctor.cookie))).toEqual(['params.id']);
    expect((await exportOf(randomUUID(), doctor.cookie)).statusCode).toBe(404);
  });

  it('breaks a long note across pages without losing text', async () => {
    const other = await registerPatient(t, { givenName: 'Long', familyName: 'Note' });
    const encounter = await send('POST', `/api/patients/${other.id}/encounters`, doctor.cookie, {
      type: 'consultation',
    });
    const paragraphs = Array.from(
      { length: 60 },
      (_, i) =>
        `Paragraph ${i + 1}: the patient describes the course of symptoms in detail, with changes in sleep, appetite and energy over the past weeks.`,
    );
    await send('PATCH', `/api/encounters/${encounter.id}`, doctor.cookie, {
      subjective: paragraphs.join('\n'),
      plan: 'Final plan line.',
    });
    const res = await exportOf(other.id, doctor.cookie);
    expect(res.statusCode).toBe(200);
    const text = pdfToText(res.rawPayload);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    expect(text).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(text).toContain('Paragraph 60:');
    expect(text).toContain('Final plan line.');
  });
});
