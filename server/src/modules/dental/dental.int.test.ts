import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../platform/db/database.ts';
import { pdfToText } from '../../platform/pdf/pdf-extract.test-helper.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { patients } from '../patients/patients.schema.ts';
import { movePatientRows, tablesReferencingPatients } from '../patients/patients-merge.repository.ts';
import { dentalChartEntries, dentalProcedures, dentalTreatmentPlans } from './dental.schema.ts';

async function insertPatient(
  db: Executor,
  p: { givenName: string; familyName: string; userId?: string; mergedIntoId?: string },
): Promise<string> {
  const [row] = await db
    .insert(patients)
    .values({
      mrn: `T-${randomUUID().slice(0, 8)}`,
      givenName: p.givenName,
      familyName: p.familyName,
      searchName: `${p.givenName} ${p.familyName}`.toLowerCase(),
      sex: 'female',
      birthDate: '1988-02-29',
      userId: p.userId ?? null,
      mergedIntoId: p.mergedIntoId ?? null,
    })
    .returning({ id: patients.id });
  if (!row) throw new Error('no patient');
  return row.id;
}

let t: TestApp;
let dentist: TestUser;
let doctor: TestUser;
let nurse: TestUser;
let receptionist: TestUser;
let portal: TestUser;
let patientId: string;
let otherId: string;

beforeAll(async () => {
  t = await createTestApp();
  dentist = await t.userWithRoles(['dentist']);
  doctor = await t.userWithRoles(['doctor']);
  nurse = await t.userWithRoles(['nurse']);
  receptionist = await t.userWithRoles(['receptionist']);
  portal = await t.userWithRoles(['patient']);
  patientId = await insertPatient(t.app.ctx.db, {
    givenName: 'José',
    familyName: 'Muñoz Peña',
    userId: portal.id,
  });
  otherId = await insertPatient(t.app.ctx.db, { givenName: 'Ana', familyName: 'Other' });
});
afterAll(async () => t?.close());

const db = () => t.app.ctx.db;
/** As the dentist unless another cookie is given; null sends no session. */
const record = (payload: object, cookie: string | null = dentist.cookie, id = patientId) =>
  t.request({
    method: 'POST',
    url: `/api/patients/${id}/dental/entries`,
    cookie: cookie ?? undefined,
    payload,
  });

describe('POST /api/patients/:patientId/dental/entries', () => {
  it('appends an entry with canonical surfaces, audited', async () => {
    const res = await record({ tooth: 11, surfaces: ['I', 'F'], condition: 'caries', note: 'incisal chip' });
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    expect(entry).toMatchObject({ tooth: 11, surfaces: ['O', 'B'], condition: 'caries', procedureId: null });
    expect(entry.recordedBy.id).toBe(dentist.id);
    const [event] = await auditOf(db(), 'dental.entry.create', entry.id);
    expect(event).toMatchObject({
      patientId,
      details: { tooth: 11, surfaces: ['O', 'B'], condition: 'caries' },
    });
  });

  it('answers 401 without a session and 403 to roles without dental:write', async () => {
    expect((await record({ tooth: 11, condition: 'missing' }, null)).statusCode).toBe(401);
    for (const user of [doctor, nurse, receptionist, portal]) {
      expect((await record({ tooth: 11, condition: 'missing' }, user.cookie)).statusCode).toBe(403);
    }
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await snapshot(db(), dentalChartEntries);
    const cases: [object, string][] = [
      [{ tooth: 19, condition: 'missing' }, 'body.tooth'],
      [{ tooth: 16, surfaces: ['O'], condition: 'extracted' }, 'body.surfaces'],
      [{ tooth: 16, surfaces: [], condition: 'caries' }, 'body.surfaces'],
      [{ tooth: 36, surfaces: ['I'], condition: 'caries' }, 'body.surfaces'],
      [{ tooth: 41, surfaces: ['P'], condition: 'filling' }, 'body.surfaces'],
      [{ tooth: 16, surfaces: ['X'], condition: 'caries' }, 'body.surfaces.0'],
      [{ tooth: 16, surfaces: ['O'], condition: 'broken' }, 'body.condition'],
      [{ tooth: 16, condition: 'missing', encounterId: 'nope' }, 'body.encounterId'],
    ];
    for (const [payload, path] of cases) {
      const res = await record(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    expect(await snapshot(db(), dentalChartEntries)).toEqual(before);
  });

  it("links an entry to one of the patient's encounters, and refuses another patient's", async () => {
    const open = async (id: string) =>
      (
        await t.request({
          method: 'POST',
          url: `/api/patients/${id}/encounters`,
          cookie: dentist.cookie,
          payload: { type: 'dental' },
        })
      ).json().id as string;
    const own = await open(patientId);
    const res = await record({ tooth: 47, surfaces: ['O'], condition: 'sealant', encounterId: own });
    expect(res.statusCode).toBe(201);
    expect(res.json().encounterId).toBe(own);
    const before = await snapshot(db(), dentalChartEntries);
    const foreign = await record({
      tooth: 47,
      surfaces: ['O'],
      condition: 'sealant',
      encounterId: await open(otherId),
    });
    expect(foreign.statusCode).toBe(400);
    expect(errorPaths(foreign)).toEqual(['body.encounterId']);
    const plan = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/dental/plans`,
      cookie: dentist.cookie,
      payload: { title: 'X', procedures: [{ kind: 'exam', encounterId: randomUUID() }] },
    });
    expect(errorPaths(plan)).toEqual(['body.procedures.0.encounterId']);
    expect(await snapshot(db(), dentalChartEntries)).toEqual(before);
  });

  it('answers 404 for an unknown patient and 409 for a merged record', async () => {
    expect((await record({ tooth: 11, condition: 'missing' }, dentist.cookie, randomUUID())).statusCode).toBe(
      404,
    );
    const merged = await insertPatient(db(), {
      givenName: 'Old',
      familyName: 'Record',
      mergedIntoId: otherId,
    });
    expect((await record({ tooth: 11, condition: 'missing' }, dentist.cookie, merged)).statusCode).toBe(409);
  });
});

describe('GET /api/patients/:patientId/dental/chart and tooth history', () => {
  it('shows the latest state per tooth and surface, in Universal numbering on request', async () => {
    await record({ tooth: 16, surfaces: ['M', 'O'], condition: 'caries' });
    await record({ tooth: 16, surfaces: ['O'], condition: 'filling' });
    await record({ tooth: 85, condition: 'extracted' });
    const res = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/chart?numbering=universal`,
      cookie: doctor.cookie,
    });
    expect(res.statusCode).toBe(200);
    const chart = res.json();
    expect(chart.numbering).toBe('universal');
    const t16 = chart.teeth.find((x: { tooth: number }) => x.tooth === 16);
    expect(t16.universal).toBe('3');
    expect(
      t16.surfaces.map((s: { surface: string; condition: string }) => `${s.surface}:${s.condition}`),
    ).toEqual(['M:caries', 'O:filling']);
    expect(chart.teeth.find((x: { tooth: number }) => x.tooth === 85)).toMatchObject({
      universal: 'T',
      conditions: ['extracted'],
    });
    const fdi = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/chart`,
      cookie: nurse.cookie,
    });
    expect(fdi.json().teeth[0].universal).toBeUndefined();
    expect((await auditOf(db(), 'dental.chart.read', patientId)).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the history of a tooth, newest first', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/teeth/16/history`,
      cookie: doctor.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().entries.map((e: { condition: string }) => e.condition)).toEqual(['filling', 'caries']);
    const bad = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/teeth/99/history`,
      cookie: doctor.cookie,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['params.tooth']);
  });

  it('lets a patient read their own chart only, and refuses the receptionist', async () => {
    const own = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/chart`,
      cookie: portal.cookie,
    });
    expect(own.statusCode).toBe(200);
    const other = await t.request({
      method: 'GET',
      url: `/api/patients/${otherId}/dental/chart`,
      cookie: portal.cookie,
    });
    expect(other.statusCode).toBe(404);
    const desk = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/chart`,
      cookie: receptionist.cookie,
    });
    expect(desk.statusCode).toBe(403);
    expect(
      (await t.request({ method: 'GET', url: `/api/patients/${patientId}/dental/chart` })).statusCode,
    ).toBe(401);
    const badQuery = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/chart?numbering=palmer`,
      cookie: doctor.cookie,
    });
    expect(errorPaths(badQuery)).toEqual(['query.numbering']);
  });
});

describe('treatment plans and procedures', () => {
  let planId: string;
  let fillingId: string;
  let extractionId: string;

  it('creates a plan with procedures and totals, audited', async () => {
    const res = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/dental/plans`,
      cookie: dentist.cookie,
      payload: {
        title: 'Phase 1',
        procedures: [
          { kind: 'filling', tooth: 26, surfaces: ['O', 'D'], cost: 85000, description: 'Composite' },
          { kind: 'extraction', tooth: 38, cost: 60000 },
          { kind: 'cleaning', cost: null },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    planId = plan.id;
    fillingId = plan.procedures[0].id;
    extractionId = plan.procedures[1].id;
    expect(plan.procedures.map((p: { status: string }) => p.status)).toEqual([
      'planned',
      'planned',
      'planned',
    ]);
    expect(plan.totals).toMatchObject({ total: 145000, done: 0, remaining: 145000, unpriced: 1 });
    expect(plan.currency).toBe('USD');
    expect(await auditOf(db(), 'dental.plan.create', planId)).toHaveLength(1);
    expect(await auditOf(db(), 'dental.procedure.create', fillingId)).toHaveLength(1);
  });

  it('prices procedures from the dental items of the price list', async () => {
    const admin = await t.userWithRoles(['admin']);
    const item = async (code: string, kind: string, priceMinor: number) => {
      const res = await t.request({
        method: 'POST',
        url: '/api/billing/price-list',
        cookie: admin.cookie,
        payload: { code, kind, nameEn: code, nameEs: code, priceMinor },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const crown = await item('DEN-CROWN', 'dental', 450_00);
    const lab = await item('LAB-X', 'lab', 10_00);
    const list = await t.request({
      method: 'GET',
      url: '/api/billing/price-list?kind=dental',
      cookie: dentist.cookie,
    });
    expect(list.statusCode).toBe(200);
    const create = (procedure: object) =>
      t.request({
        method: 'POST',
        url: `/api/patients/${otherId}/dental/plans`,
        cookie: dentist.cookie,
        payload: { title: 'Priced', procedures: [{ kind: 'crown', tooth: 11, ...procedure }] },
      });
    const res = await create({ priceItemId: crown });
    expect(res.statusCode, res.body).toBe(201);
    const procedure = res.json().procedures[0];
    expect(procedure).toMatchObject({ cost: 450_00, priceItemId: crown });
    expect(errorPaths(await create({ priceItemId: crown, cost: 1 }))).toEqual(['body.procedures.0.cost']);
    expect(errorPaths(await create({ priceItemId: lab }))).toEqual(['body.procedures.0.priceItemId']);
    const byHand = await t.request({
      method: 'PATCH',
      url: `/api/dental/procedures/${procedure.id}`,
      cookie: dentist.cookie,
      payload: { cost: 400_00 },
    });
    expect(byHand.statusCode, byHand.body).toBe(200);
  });

  it('refuses a plan whose procedures are incomplete, naming the item, and writes nothing', async () => {
    const plans = await snapshot(db(), dentalTreatmentPlans);
    const procedures = await snapshot(db(), dentalProcedures);
    const noTooth = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/dental/plans`,
      cookie: dentist.cookie,
      payload: { title: 'X', procedures: [{ kind: 'exam' }, { kind: 'filling', surfaces: ['O'] }] },
    });
    expect(errorPaths(noTooth)).toEqual(['body.procedures.1.tooth']);
    const badSurfaces = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/dental/plans`,
      cookie: dentist.cookie,
      payload: { title: 'X', procedures: [{ kind: 'crown', tooth: 11, surfaces: ['O'] }] },
    });
    expect(errorPaths(badSurfaces)).toEqual(['body.procedures.0.surfaces']);
    const negative = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/dental/plans`,
      cookie: dentist.cookie,
      payload: { title: 'X', procedures: [{ kind: 'exam', cost: -5 }] },
    });
    expect(errorPaths(negative)).toEqual(['body.procedures.0.cost']);
    const noTitle = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/dental/plans`,
      cookie: dentist.cookie,
      payload: { title: ' ' },
    });
    expect(errorPaths(noTitle)).toEqual(['body.title']);
    expect(await snapshot(db(), dentalTreatmentPlans)).toEqual(plans);
    expect(await snapshot(db(), dentalProcedures)).toEqual(procedures);
  });

  it('refuses plan writes without dental:write and plan reads without chart access', async () => {
    const url = `/api/patients/${patientId}/dental/plans`;
    expect((await t.request({ method: 'POST', url, payload: { title: 'X' } })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'POST', url, cookie: doctor.cookie, payload: { title: 'X' } })).statusCode,
    ).toBe(403);
    expect((await t.request({ method: 'GET', url, cookie: receptionist.cookie })).statusCode).toBe(403);
    const add = `/api/dental/plans/${planId}/procedures`;
    expect(
      (await t.request({ method: 'POST', url: add, cookie: nurse.cookie, payload: { kind: 'exam' } }))
        .statusCode,
    ).toBe(403);
    const patch = `/api/dental/procedures/${fillingId}`;
    expect(
      (await t.request({ method: 'PATCH', url: patch, cookie: portal.cookie, payload: { status: 'done' } }))
        .statusCode,
    ).toBe(403);
  });

  it('adds a procedure and answers the plan with new totals', async () => {
    const res = await t.request({
      method: 'POST',
      url: `/api/dental/plans/${planId}/procedures`,
      cookie: dentist.cookie,
      payload: { kind: 'root_canal', tooth: 46, cost: 320000 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().procedures).toHaveLength(4);
    expect(res.json().totals.total).toBe(465000);
    const missing = await t.request({
      method: 'POST',
      url: `/api/dental/plans/${randomUUID()}/procedures`,
      cookie: dentist.cookie,
      payload: { kind: 'exam' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('moves status forward only; completing a filling records it on the chart in the same step', async () => {
    const patch = (id: string, payload: object) =>
      t.request({ method: 'PATCH', url: `/api/dental/procedures/${id}`, cookie: dentist.cookie, payload });
    const started = await patch(fillingId, { status: 'in_progress' });
    expect(started.statusCode).toBe(200);
    expect(started.json().status).toBe('in_progress');
    const back = await patch(fillingId, { status: 'planned' });
    expect(back.statusCode).toBe(409);
    const done = await patch(fillingId, { status: 'done', cost: 90000 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', cost: 90000, completedBy: { id: dentist.id } });
    const entryId = done.json().chartEntryId;
    expect(entryId).toBeTruthy();
    const [entry] = await auditOf(db(), 'dental.entry.create', entryId);
    expect(entry?.details).toMatchObject({
      tooth: 26,
      surfaces: ['O', 'D'],
      condition: 'filling',
      procedureId: fillingId,
    });
    const chart = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/chart`,
      cookie: doctor.cookie,
    });
    const t26 = chart.json().teeth.find((x: { tooth: number }) => x.tooth === 26);
    expect(t26.surfaces.map((s: { condition: string }) => s.condition)).toEqual(['filling', 'filling']);
    expect((await patch(fillingId, { notes: 'later' })).statusCode).toBe(409);
    const [update] = await auditOf(db(), 'dental.procedure.update', fillingId);
    expect(update?.details).toMatchObject({ changes: { status: { from: 'planned', to: 'in_progress' } } });
  });

  it('an extraction done marks the tooth extracted; a cancelled procedure is final', async () => {
    const done = await t.request({
      method: 'PATCH',
      url: `/api/dental/procedures/${extractionId}`,
      cookie: dentist.cookie,
      payload: { status: 'done' },
    });
    expect(done.statusCode).toBe(200);
    const history = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/teeth/38/history`,
      cookie: doctor.cookie,
    });
    expect(history.json().entries[0]).toMatchObject({ condition: 'extracted', procedureId: extractionId });
    const plan = await t.request({
      method: 'GET',
      url: `/api/dental/plans/${planId}`,
      cookie: doctor.cookie,
    });
    const cleaning = plan.json().procedures.find((p: { kind: string }) => p.kind === 'cleaning');
    const cancel = await t.request({
      method: 'PATCH',
      url: `/api/dental/procedures/${cleaning.id}`,
      cookie: dentist.cookie,
      payload: { status: 'cancelled' },
    });
    expect(cancel.json().status).toBe('cancelled');
    const revive = await t.request({
      method: 'PATCH',
      url: `/api/dental/procedures/${cleaning.id}`,
      cookie: dentist.cookie,
      payload: { status: 'in_progress' },
    });
    expect(revive.statusCode).toBe(409);
    const empty = await t.request({
      method: 'PATCH',
      url: `/api/dental/procedures/${cleaning.id}`,
      cookie: dentist.cookie,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const bad = await t.request({
      method: 'PATCH',
      url: `/api/dental/procedures/${cleaning.id}`,
      cookie: dentist.cookie,
      payload: { status: 'finished' },
    });
    expect(errorPaths(bad)).toEqual(['body.status']);
  });

  it('lists the plans with totals for clinicians and for the patient', async () => {
    for (const user of [doctor, portal]) {
      const res = await t.request({
        method: 'GET',
        url: `/api/patients/${patientId}/dental/plans`,
        cookie: user.cookie,
      });
      expect(res.statusCode).toBe(200);
      const [plan] = res.json().items;
      expect(plan.totals).toMatchObject({ total: 470000, done: 150000, remaining: 320000, unpriced: 0 });
      expect(plan.totals.counts).toEqual({ planned: 1, in_progress: 0, done: 2, cancelled: 1 });
    }
    expect(await auditOf(db(), 'dental.plans.read', patientId)).not.toHaveLength(0);
  });
});

describe('GET /api/patients/:patientId/dental/chart.pdf', () => {
  it('prints the chart with the patient name and the plan, audited', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/chart.pdf`,
      cookie: dentist.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(res.rawPayload);
    expect(text).toContain('José Muñoz Peña');
    expect(text).toContain('Dental chart');
    expect(text).toContain('Phase 1');
    expect(await auditOf(db(), 'dental.chart-pdf.read', patientId)).toHaveLength(1);
  });

  it('prints in Spanish with Universal numbers; the patient may print their own; others may not', async () => {
    const es = await t.request({
      method: 'GET',
      url: `/api/patients/${patientId}/dental/chart.pdf?lang=es&numbering=universal`,
      cookie: portal.cookie,
    });
    expect(es.statusCode).toBe(200);
    const text = pdfToText(es.rawPayload);
    expect(text).toContain('Odontograma');
    expect(text).toContain('Universal (ADA)');
    const url = `/api/patients/${patientId}/dental/chart.pdf`;
    expect((await t.request({ method: 'GET', url, cookie: receptionist.cookie })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(401);
    const bad = await t.request({ method: 'GET', url: `${url}?lang=fr`, cookie: doctor.cookie });
    expect(errorPaths(bad)).toEqual(['query.lang']);
  });
});

describe('the history in the database', () => {
  it('refuses to edit or delete chart entries, but lets a patient merge move them', async () => {
    const source = await insertPatient(db(), { givenName: 'Dup', familyName: 'Licate' });
    const target = await insertPatient(db(), { givenName: 'Sur', familyName: 'Vivor' });
    const entry = (await record({ tooth: 21, condition: 'crown' }, dentist.cookie, source)).json();
    await t.request({
      method: 'POST',
      url: `/api/patients/${source}/dental/plans`,
      cookie: dentist.cookie,
      payload: { title: 'Moved', procedures: [{ kind: 'exam' }] },
    });
    await expect(
      db()
        .update(dentalChartEntries)
        .set({ condition: 'healthy' })
        .where(eq(dentalChartEntries.id, entry.id)),
    ).rejects.toThrow();
    await expect(
      db().delete(dentalChartEntries).where(eq(dentalChartEntries.id, entry.id)),
    ).rejects.toThrow();
    const tables = await tablesReferencingPatients(db());
    expect(tables).toEqual(
      expect.arrayContaining(['dental_chart_entries', 'dental_procedures', 'dental_treatment_plans']),
    );
    await db().transaction(async (tx) => {
      for (const table of tables) await movePatientRows(tx, table, source, target);
    });
    const chart = await t.request({
      method: 'GET',
      url: `/api/patients/${target}/dental/chart`,
      cookie: doctor.cookie,
    });
    expect(chart.json().teeth).toEqual([expect.objectContaining({ tooth: 21, conditions: ['crown'] })]);
    const plans = await t.request({
      method: 'GET',
      url: `/api/patients/${target}/dental/plans`,
      cookie: doctor.cookie,
    });
    expect(plans.json().items[0].procedures[0].patientId).toBe(target);
  });
});
