import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/access/principal.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { addAllergy, insertPatient, portalPatient } from '../encounters/chart-fixtures.ts';
import { findUserById, updateUser } from '../users/users.repository.ts';
import { principalOfUser } from '../users/users.service.ts';
import { prescriptions } from './prescriptions.schema.ts';
import { getPrescriptionForPrint } from './prescriptions.service.ts';

let t: TestApp;
let doctor: TestUser;
let nurse: TestUser;
let pharmacist: TestUser;
let patientId: string;
let encounterId: string;

const amoxicillin = {
  drug: 'Amoxicillin',
  strength: '500 mg',
  form: 'capsule',
  dose: '1 capsule',
  route: 'oral',
  frequency: 'every 8 hours',
  durationDays: 7,
  quantity: 21,
  instructions: 'Take after meals',
};
const paracetamol = {
  drug: 'Paracetamol',
  strength: '500 mg',
  dose: '1 tablet',
  route: 'oral',
  frequency: 'every 6 hours as needed',
};

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  doctor = await t.userWithRoles(['doctor']);
  await updateUser(t.app.ctx.db, doctor.id, { licenceNumber: 'PRC-0012345' });
  nurse = await t.userWithRoles(['nurse']);
  pharmacist = await t.userWithRoles(['pharmacist']);
  patientId = await insertPatient(t.app.ctx.db, { givenName: 'María', familyName: 'Santos' });
  await addAllergy(t.app.ctx.db, patientId, 'Penicillin', { severity: 'severe', reaction: 'anaphylaxis' });
  await addAllergy(t.app.ctx.db, patientId, 'Ibuprofen', { status: 'inactive' });
  encounterId = await openEncounter(patientId);
});
afterAll(async () => t?.close());

const send = (method: 'GET' | 'POST', url: string, payload?: object, cookie: string | null = doctor.cookie) =>
  t.request({ method, url, cookie: cookie ?? undefined, ...(payload ? { payload } : {}) });

async function openEncounter(pid: string): Promise<string> {
  const res = await send('POST', `/api/patients/${pid}/encounters`, { type: 'consultation' });
  return res.json().id;
}

async function principalOf(user: TestUser): Promise<Principal> {
  const row = await findUserById(t.app.ctx.db, user.id);
  if (!row) throw new Error('no user');
  return principalOfUser(t.app.ctx.db, row);
}

describe('POST /api/encounters/:id/prescriptions', () => {
  it('prescribes several drugs as one batch, audited', async () => {
    const pid = await insertPatient(t.app.ctx.db);
    const enc = await openEncounter(pid);
    const res = await send('POST', `/api/encounters/${enc}/prescriptions`, {
      items: [amoxicillin, paracetamol],
    });
    expect(res.statusCode).toBe(201);
    const [a, p] = res.json().items;
    expect(a).toMatchObject({
      ...amoxicillin,
      patientId: pid,
      encounterId: enc,
      prescriberId: doctor.id,
      status: 'active',
      allergyWarnings: [],
      allergyOverrideReason: null,
    });
    expect(p).toMatchObject({ drug: 'Paracetamol', form: null, durationDays: null, batchId: a.batchId });
    const [event] = await auditOf(t.app.ctx.db, 'prescription.create', a.id);
    expect(event).toMatchObject({ actorId: doctor.id, patientId: pid, details: { drug: 'Amoxicillin' } });
  });

  it('refuses a drug matching an active allergy with 409 naming it, writing nothing', async () => {
    const before = await snapshot(t.app.ctx.db, prescriptions);
    const res = await send('POST', `/api/encounters/${encounterId}/prescriptions`, {
      items: [paracetamol, amoxicillin],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict' });
    expect(res.json().detail).toContain('Penicillin');
    expect(res.json().detail).toContain('severe, anaphylaxis');
    expect(res.json().detail).toContain('allergyOverrideReason');
    expect(errorPaths(res)).toEqual(['body.items.1.drug']);
    expect(await snapshot(t.app.ctx.db, prescriptions)).toEqual(before);
  });

  it('ignores inactive allergies, and matches case- and accent-insensitively', async () => {
    const ok = await send('POST', `/api/encounters/${encounterId}/prescriptions`, {
      items: [{ ...paracetamol, drug: 'Ibuprofen' }],
    });
    expect(ok.statusCode).toBe(201);
    const pid = await insertPatient(t.app.ctx.db);
    await addAllergy(t.app.ctx.db, pid, 'Metamizol sódico');
    const enc = await openEncounter(pid);
    const res = await send('POST', `/api/encounters/${enc}/prescriptions`, {
      items: [{ ...paracetamol, drug: 'METAMIZOL' }],
    });
    expect(res.statusCode).toBe(409);
  });

  it('prescribes anyway with an override reason, saved on the line and audited', async () => {
    const res = await send('POST', `/api/encounters/${encounterId}/prescriptions`, {
      items: [amoxicillin, paracetamol],
      allergyOverrideReason: 'Tolerated amoxicillin in 2023 under observation',
    });
    expect(res.statusCode).toBe(201);
    const [a, p] = res.json().items;
    expect(a.allergyOverrideReason).toBe('Tolerated amoxicillin in 2023 under observation');
    expect(a.allergyWarnings[0]).toContain('penicillin class');
    expect(p.allergyOverrideReason).toBeNull();
    const [override] = await auditOf(t.app.ctx.db, 'prescription.allergy-override', a.id);
    expect(override).toMatchObject({
      actorId: doctor.id,
      patientId,
      details: { reason: 'Tolerated amoxicillin in 2023 under observation' },
    });
    expect(await auditOf(t.app.ctx.db, 'prescription.allergy-override', p.id)).toEqual([]);
  });

  it('refuses bad input naming the field (400), 401, 403 to nurses and pharmacists, 404', async () => {
    const before = await snapshot(t.app.ctx.db, prescriptions);
    const url = `/api/encounters/${encounterId}/prescriptions`;
    const cases: [object, string][] = [
      [{ items: [] }, 'body.items'],
      [{}, 'body.items'],
      [{ items: [{ ...paracetamol, dose: '' }] }, 'body.items.0.dose'],
      [{ items: [paracetamol, { ...paracetamol, durationDays: 0 }] }, 'body.items.1.durationDays'],
      [{ items: [{ ...paracetamol, quantity: 2.5 }] }, 'body.items.0.quantity'],
      [{ items: [{ ...paracetamol, colour: 'red' }] }, 'body.items.0.colour'],
      [{ items: [amoxicillin], allergyOverrideReason: ' ' }, 'body.allergyOverrideReason'],
    ];
    for (const [payload, path] of cases) {
      const res = await send('POST', url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    expect((await send('POST', url, { items: [paracetamol] }, null)).statusCode).toBe(401);
    expect((await send('POST', url, { items: [paracetamol] }, nurse.cookie)).statusCode).toBe(403);
    expect((await send('POST', url, { items: [paracetamol] }, pharmacist.cookie)).statusCode).toBe(403);
    const missing = await send('POST', '/api/encounters/00000000-0000-4000-8000-000000000000/prescriptions', {
      items: [paracetamol],
    });
    expect(missing.statusCode).toBe(404);
    expect(await snapshot(t.app.ctx.db, prescriptions)).toEqual(before);
  });
});

describe('GET /api/patients/:patientId/prescriptions and POST /api/prescriptions/:id/stop', () => {
  it('lists by status, stops with a reason (once), audited', async () => {
    const pid = await insertPatient(t.app.ctx.db);
    const enc = await openEncounter(pid);
    const created = (
      await send('POST', `/api/encounters/${enc}/prescriptions`, { items: [paracetamol, amoxicillin] })
    ).json().items;
    const stop = await send('POST', `/api/prescriptions/${created[0].id}/stop`, { reason: 'Fever resolved' });
    expect(stop.statusCode).toBe(200);
    expect(stop.json()).toMatchObject({
      status: 'stopped',
      stopReason: 'Fever resolved',
      stoppedBy: doctor.id,
      stoppedAt: expect.any(String),
    });
    const [event] = await auditOf(t.app.ctx.db, 'prescription.stop', created[0].id);
    expect(event).toMatchObject({ patientId: pid, details: { reason: 'Fever resolved' } });
    expect(
      (await send('POST', `/api/prescriptions/${created[0].id}/stop`, { reason: 'again' })).statusCode,
    ).toBe(409);

    const active = (
      await send('GET', `/api/patients/${pid}/prescriptions?status=active`, undefined, pharmacist.cookie)
    ).json();
    expect(active.items.map((r: { drug: string }) => r.drug)).toEqual(['Amoxicillin']);
    const all = (await send('GET', `/api/patients/${pid}/prescriptions`)).json();
    expect(all.items).toHaveLength(2);
    expect(await auditOf(t.app.ctx.db, 'prescriptions.read', pid)).toHaveLength(2);
  });

  it('stop: 400 without a reason, 401, 403 to the nurse, 404', async () => {
    const [rx] = (
      await send('POST', `/api/encounters/${encounterId}/prescriptions`, { items: [paracetamol] })
    ).json().items;
    expect(errorPaths(await send('POST', `/api/prescriptions/${rx.id}/stop`, {}))).toEqual(['body.reason']);
    expect((await send('POST', `/api/prescriptions/${rx.id}/stop`, { reason: 'x' }, null)).statusCode).toBe(
      401,
    );
    expect(
      (await send('POST', `/api/prescriptions/${rx.id}/stop`, { reason: 'x' }, nurse.cookie)).statusCode,
    ).toBe(403);
    expect(
      (await send('POST', '/api/prescriptions/00000000-0000-4000-8000-000000000000/stop', { reason: 'x' }))
        .statusCode,
    ).toBe(404);
  });

  it('shows a patient only their own active prescriptions; 400 on a bad status', async () => {
    const { user, patientId: own } = await portalPatient(t);
    const enc = await openEncounter(own);
    const items = (
      await send('POST', `/api/encounters/${enc}/prescriptions`, { items: [paracetamol, amoxicillin] })
    ).json().items;
    await send('POST', `/api/prescriptions/${items[1].id}/stop`, { reason: 'rash' });
    const mine = await send('GET', `/api/patients/${own}/prescriptions?status=all`, undefined, user.cookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((r: { drug: string }) => r.drug)).toEqual(['Paracetamol']);
    expect(
      (await send('GET', `/api/patients/${patientId}/prescriptions`, undefined, user.cookie)).statusCode,
    ).toBe(404);
    expect((await send('GET', `/api/patients/${own}/prescriptions`, undefined, null)).statusCode).toBe(401);
    expect(errorPaths(await send('GET', `/api/patients/${own}/prescriptions?status=paused`))).toEqual([
      'query.status',
    ]);
  });
});

describe('getPrescriptionForPrint', () => {
  it('gathers what the printed prescription shows, audited as a chart read', async () => {
    const res = await send('POST', `/api/encounters/${encounterId}/prescriptions`, {
      items: [
        paracetamol,
        { ...paracetamol, drug: 'Cetirizine', strength: '10 mg', frequency: 'once daily' },
      ],
    });
    const [first, second] = res.json().items;
    await send('POST', `/api/prescriptions/${second.id}/stop`, { reason: 'not needed' });
    const print = await getPrescriptionForPrint(t.app.ctx, await principalOf(doctor), SYSTEM_ACTOR, first.id);
    expect(print).toMatchObject({
      prescriptionId: first.id,
      batchId: first.batchId,
      encounterId,
      date: first.createdAt,
      patient: {
        id: patientId,
        name: 'María Santos',
        birthDate: '1990-04-12',
        sex: 'female',
        mrn: expect.any(String),
      },
      allergies: [{ substance: 'Penicillin', reaction: 'anaphylaxis', severity: 'severe' }],
      prescriber: { id: doctor.id, name: 'Test doctor', licenceNumber: 'PRC-0012345' },
    });
    expect(print.lines.map((l) => l.drug)).toEqual(['Paracetamol']);
    expect(print.lines[0]).toMatchObject({
      dose: '1 tablet',
      frequency: 'every 6 hours as needed',
      form: undefined,
    });
    expect(await auditOf(t.app.ctx.db, 'prescription.read', patientId)).toHaveLength(1);
    await expect(
      getPrescriptionForPrint(t.app.ctx, await principalOf(doctor), SYSTEM_ACTOR, second.id),
    ).rejects.toMatchObject({ code: 'conflict' });
    const receptionist = await t.userWithRoles(['receptionist']);
    await expect(
      getPrescriptionForPrint(t.app.ctx, await principalOf(receptionist), SYSTEM_ACTOR, first.id),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
