import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_CHANNEL } from '../../platform/events/events.publisher.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, countRows, errorPaths, snapshot } from '../../test/test-queries.ts';
import { insertPatient, portalPatient } from './chart-fixtures.ts';
import { encounterAddenda, encounterDiagnoses, encounters } from './encounters.schema.ts';

let t: TestApp;
let doctor: TestUser;
let doctor2: TestUser;
let nurse: TestUser;
let receptionist: TestUser;
let pharmacist: TestUser;
let patientId: string;
const notified: { type: string; resourceId?: string; permission: string | null }[] = [];

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  doctor = await t.userWithRoles(['doctor']);
  doctor2 = await t.userWithRoles(['doctor']);
  nurse = await t.userWithRoles(['nurse']);
  receptionist = await t.userWithRoles(['receptionist']);
  pharmacist = await t.userWithRoles(['pharmacist']);
  patientId = await insertPatient(t.app.ctx.db);
  await t.database.listen(EVENTS_CHANNEL, (payload) => notified.push(JSON.parse(payload)));
});
afterAll(async () => t?.close());

/** As the doctor unless another cookie is given; null sends no session. */
const send = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  cookie: string | null = doctor.cookie,
) => t.request({ method, url, cookie: cookie ?? undefined, ...(payload ? { payload } : {}) });

async function newEncounter(
  body: object = { type: 'consultation' },
  cookie = doctor.cookie,
  pid = patientId,
) {
  const res = await send('POST', `/api/patients/${pid}/encounters`, body, cookie);
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; status: string; providerId: string };
}

async function signedEncounter(pid = patientId): Promise<string> {
  const { id } = await newEncounter({ type: 'follow-up', chiefComplaint: 'Cough' }, doctor.cookie, pid);
  expect((await send('PATCH', `/api/encounters/${id}`, { assessment: 'Viral URTI' })).statusCode).toBe(200);
  expect((await send('POST', `/api/encounters/${id}/sign`)).statusCode).toBe(200);
  return id;
}

describe('POST /api/patients/:patientId/encounters', () => {
  it('opens a draft with the caller as provider, audited and announced', async () => {
    const res = await send('POST', `/api/patients/${patientId}/encounters`, {
      type: 'consultation',
      chiefComplaint: '  Sore throat for 3 days ',
      startedAt: '2025-03-01T09:30:00+08:00',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      patientId,
      type: 'consultation',
      status: 'draft',
      providerId: doctor.id,
      providerName: 'Test doctor',
      chiefComplaint: 'Sore throat for 3 days',
      startedAt: '2025-03-01T01:30:00.000Z',
      subjective: null,
      signedAt: null,
      vitals: [],
      diagnoses: [],
      prescriptions: [],
      addenda: [],
      attachments: [],
    });
    const [event] = await auditOf(t.app.ctx.db, 'encounter.create', body.id);
    expect(event).toMatchObject({ actorId: doctor.id, patientId, details: { type: 'consultation' } });
    await expect
      .poll(() => notified.some((n) => n.type === 'chart.changed' && n.resourceId === patientId))
      .toBe(true);
    expect(notified.find((n) => n.type === 'chart.changed')?.permission).toBe('chart:read');
  });

  it('lets a nurse open one for a doctor as provider', async () => {
    const enc = await newEncounter({ type: 'emergency', providerId: doctor2.id }, nurse.cookie);
    expect(enc.providerId).toBe(doctor2.id);
  });

  it('answers 401 without a session and 403 to roles without chart:write', async () => {
    const body = { type: 'consultation' };
    expect((await send('POST', `/api/patients/${patientId}/encounters`, body, null)).statusCode).toBe(401);
    for (const user of [receptionist, pharmacist]) {
      expect(
        (await send('POST', `/api/patients/${patientId}/encounters`, body, user.cookie)).statusCode,
      ).toBe(403);
    }
    const { user } = await portalPatient(t);
    expect((await send('POST', `/api/patients/${patientId}/encounters`, body, user.cookie)).statusCode).toBe(
      403,
    );
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const before = await snapshot(t.app.ctx.db, encounters);
    const url = `/api/patients/${patientId}/encounters`;
    const cases: [object, string][] = [
      [{ type: 'house-call' }, 'body.type'],
      [{}, 'body.type'],
      [{ type: 'consultation', startedAt: 'yesterday' }, 'body.startedAt'],
      [{ type: 'consultation', providerId: receptionist.id }, 'body.providerId'],
      [{ type: 'consultation', providerId: '00000000-0000-4000-8000-000000000000' }, 'body.providerId'],
      [{ type: 'consultation', chiefComplaint: 'x'.repeat(501) }, 'body.chiefComplaint'],
      [{ type: 'consultation', plan: 'not here' }, 'body.plan'],
    ];
    for (const [payload, path] of cases) {
      const res = await send('POST', url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    const bad = await send('POST', '/api/patients/not-a-uuid/encounters', { type: 'consultation' });
    expect(errorPaths(bad)).toEqual(['params.patientId']);
    expect(await snapshot(t.app.ctx.db, encounters)).toEqual(before);
  });

  it('answers 404 for an unknown patient and 409 for a merged record', async () => {
    const missing = await send('POST', '/api/patients/00000000-0000-4000-8000-000000000000/encounters', {
      type: 'consultation',
    });
    expect(missing.statusCode).toBe(404);
    const merged = await insertPatient(t.app.ctx.db, { mergedIntoId: patientId });
    const res = await send('POST', `/api/patients/${merged}/encounters`, { type: 'consultation' });
    expect(res.statusCode).toBe(409);
  });
});

describe('GET /api/patients/:patientId/encounters', () => {
  it('lists newest first with pages and the primary diagnosis, and audits the read', async () => {
    const pid = await insertPatient(t.app.ctx.db);
    for (const day of ['01', '03', '02']) {
      await newEncounter({ type: 'consultation', startedAt: `2025-01-${day}T10:00:00Z` }, doctor.cookie, pid);
    }
    const first = (await send('GET', `/api/patients/${pid}/encounters?pageSize=2`)).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((e: { startedAt: string }) => e.startedAt.slice(0, 10))).toEqual([
      '2025-01-03',
      '2025-01-02',
    ]);
    const second = (await send('GET', `/api/patients/${pid}/encounters?pageSize=2&page=2`)).json();
    expect(second.items.map((e: { startedAt: string }) => e.startedAt.slice(0, 10))).toEqual(['2025-01-01']);
    await send('POST', `/api/encounters/${first.items[0].id}/diagnoses`, { code: 'J06.9' });
    const again = (await send('GET', `/api/patients/${pid}/encounters`)).json();
    expect(again.items[0].primaryDiagnosis).toEqual({
      code: 'J06.9',
      description: 'Acute upper respiratory infection, unspecified',
      descriptionEs: 'Infección aguda de las vías respiratorias superiores, no especificada',
    });
    const reads = await auditOf(t.app.ctx.db, 'encounters.read', pid);
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads[0]).toMatchObject({ actorId: doctor.id, patientId: pid, outcome: 'success' });
  });

  it('shows a patient only their own signed encounters', async () => {
    const { user, patientId: own } = await portalPatient(t);
    await newEncounter({ type: 'consultation' }, doctor.cookie, own);
    const signed = await signedEncounter(own);
    const res = await send('GET', `/api/patients/${own}/encounters`, undefined, user.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, items: [{ id: signed, status: 'signed' }] });
    const other = await send('GET', `/api/patients/${patientId}/encounters`, undefined, user.cookie);
    expect(other.statusCode).toBe(404);
  });

  it('answers 401, 403 to the receptionist (audited as denied) and 400 on a bad page', async () => {
    expect((await send('GET', `/api/patients/${patientId}/encounters`, undefined, null)).statusCode).toBe(
      401,
    );
    const res = await send('GET', `/api/patients/${patientId}/encounters`, undefined, receptionist.cookie);
    expect(res.statusCode).toBe(403);
    const denied = await auditOf(t.app.ctx.db, 'access.denied');
    expect(denied.some((d) => d.actorId === receptionist.id)).toBe(true);
    expect(
      (await send('GET', `/api/patients/${patientId}/encounters`, undefined, pharmacist.cookie)).statusCode,
    ).toBe(200);
    expect(errorPaths(await send('GET', `/api/patients/${patientId}/encounters?pageSize=0`))).toEqual([
      'query.pageSize',
    ]);
  });
});

describe('GET /api/encounters/:id', () => {
  it('returns the note with what was recorded in it', async () => {
    const { id } = await newEncounter();
    await send('PATCH', `/api/encounters/${id}`, { subjective: 'Fever', plan: 'Fluids' });
    await send('POST', `/api/patients/${patientId}/vitals`, { encounterId: id, temperatureC: 38.2 });
    await send('POST', `/api/encounters/${id}/diagnoses`, { code: 'R50.9' });
    await send('POST', `/api/encounters/${id}/procedures`, { description: 'Tepid sponge bath' });
    const res = await send('GET', `/api/encounters/${id}`, undefined, nurse.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      subjective: 'Fever',
      plan: 'Fluids',
      vitals: [{ temperatureC: 38.2, encounterId: id }],
      diagnoses: [
        {
          code: 'R50.9',
          description: 'Fever, unspecified',
          descriptionEs: 'Fiebre, no especificada',
          kind: 'primary',
        },
      ],
      procedures: [{ description: 'Tepid sponge bath', performedBy: doctor.id }],
      primaryDiagnosis: { code: 'R50.9' },
    });
    const [read] = await auditOf(t.app.ctx.db, 'encounter.read', patientId);
    expect(read).toMatchObject({ patientId });
  });

  it('hides drafts from the patient, and answers 404 for unknown ids, 403 to the receptionist', async () => {
    const { user, patientId: own } = await portalPatient(t);
    const draft = await newEncounter({ type: 'teleconsult' }, doctor.cookie, own);
    expect((await send('GET', `/api/encounters/${draft.id}`, undefined, user.cookie)).statusCode).toBe(404);
    const signed = await signedEncounter(own);
    expect((await send('GET', `/api/encounters/${signed}`, undefined, user.cookie)).statusCode).toBe(200);
    const foreign = await signedEncounter();
    expect((await send('GET', `/api/encounters/${foreign}`, undefined, user.cookie)).statusCode).toBe(404);
    expect((await send('GET', `/api/encounters/${signed}`, undefined, receptionist.cookie)).statusCode).toBe(
      403,
    );
    expect((await send('GET', `/api/encounters/${signed}`, undefined, null)).statusCode).toBe(401);
    expect((await send('GET', '/api/encounters/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('PATCH /api/encounters/:id', () => {
  it('edits the SOAP note of a draft (nurses too), audited by field name', async () => {
    const { id } = await newEncounter();
    const res = await send(
      'PATCH',
      `/api/encounters/${id}`,
      { subjective: 'Headache', objective: 'BP 150/95', chiefComplaint: null, type: 'follow-up' },
      nurse.cookie,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ subjective: 'Headache', objective: 'BP 150/95', type: 'follow-up' });
    const [event] = await auditOf(t.app.ctx.db, 'encounter.update', id);
    expect(event).toMatchObject({ actorId: nurse.id, patientId });
    expect(event?.details).toEqual({ fields: ['chiefComplaint', 'objective', 'subjective', 'type'] });
  });

  it('refuses edits once signed with 409, and the database refuses them too', async () => {
    const id = await signedEncounter();
    const before = await snapshot(t.app.ctx.db, encounters);
    const res = await send('PATCH', `/api/encounters/${id}`, { assessment: 'Changed my mind' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('addendum');
    await expect(
      t.app.ctx.db.update(encounters).set({ assessment: 'sneaky' }).where(eq(encounters.id, id)),
    ).rejects.toThrow();
    await expect(
      t.app.ctx.db.update(encounters).set({ status: 'draft' }).where(eq(encounters.id, id)),
    ).rejects.toThrow();
    await expect(t.app.ctx.db.delete(encounters).where(eq(encounters.id, id))).rejects.toThrow();
    expect(await snapshot(t.app.ctx.db, encounters)).toEqual(before);
  });

  it('still lets a merge move a signed encounter to the surviving record', async () => {
    const id = await signedEncounter();
    const survivor = await insertPatient(t.app.ctx.db);
    await t.app.ctx.db.update(encounters).set({ patientId: survivor }).where(eq(encounters.id, id));
    const [row] = await t.app.ctx.db.select().from(encounters).where(eq(encounters.id, id));
    expect(row?.patientId).toBe(survivor);
  });

  it('answers 400 naming the field, 401, 403 and 404', async () => {
    const { id } = await newEncounter();
    const before = await snapshot(t.app.ctx.db, encounters);
    expect(errorPaths(await send('PATCH', `/api/encounters/${id}`, { soap: 'x' }))).toEqual(['body.soap']);
    expect(errorPaths(await send('PATCH', `/api/encounters/${id}`, { plan: 'x'.repeat(20_001) }))).toEqual([
      'body.plan',
    ]);
    expect(errorPaths(await send('PATCH', `/api/encounters/${id}`, { providerId: pharmacist.id }))).toEqual([
      'body.providerId',
    ]);
    expect(await snapshot(t.app.ctx.db, encounters)).toEqual(before);
    expect((await send('PATCH', `/api/encounters/${id}`, { plan: 'x' }, null)).statusCode).toBe(401);
    expect((await send('PATCH', `/api/encounters/${id}`, { plan: 'x' }, pharmacist.cookie)).statusCode).toBe(
      403,
    );
    const missing = await send('PATCH', '/api/encounters/00000000-0000-4000-8000-000000000000', {
      plan: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('POST /api/encounters/:id/sign', () => {
  it('signs: records who and when, locks the note, audited', async () => {
    const { id } = await newEncounter({ type: 'consultation' }, nurse.cookie);
    await send('PATCH', `/api/encounters/${id}`, { assessment: 'Tension headache' }, nurse.cookie);
    expect((await send('POST', `/api/encounters/${id}/sign`, undefined, nurse.cookie)).statusCode).toBe(403);
    const res = await send('POST', `/api/encounters/${id}/sign`, undefined, doctor2.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'signed',
      signedBy: doctor2.id,
      signedByName: 'Test doctor',
      signedAt: expect.any(String),
    });
    const [event] = await auditOf(t.app.ctx.db, 'encounter.sign', id);
    expect(event).toMatchObject({ actorId: doctor2.id, patientId });
    const again = await send('POST', `/api/encounters/${id}/sign`);
    expect(again.statusCode).toBe(409);
  });

  it('refuses to sign an empty note, and answers 401 and 404', async () => {
    const { id } = await newEncounter();
    const res = await send('POST', `/api/encounters/${id}/sign`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('empty note');
    const [row] = await t.app.ctx.db.select().from(encounters).where(eq(encounters.id, id));
    expect(row?.status).toBe('draft');
    expect((await send('POST', `/api/encounters/${id}/sign`, undefined, null)).statusCode).toBe(401);
    expect((await send('POST', '/api/encounters/00000000-0000-4000-8000-000000000000/sign')).statusCode).toBe(
      404,
    );
  });
});

describe('POST /api/encounters/:id/addenda', () => {
  it('adds a correction to a signed note with author, time and reason', async () => {
    const id = await signedEncounter();
    const res = await send(
      'POST',
      `/api/encounters/${id}/addenda`,
      { reason: 'Wrong side documented', text: 'Pain is in the LEFT knee, not the right.' },
      nurse.cookie,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      encounterId: id,
      authorId: nurse.id,
      authorName: 'Test nurse',
      reason: 'Wrong side documented',
      createdAt: expect.any(String),
    });
    const detail = (await send('GET', `/api/encounters/${id}`)).json();
    expect(detail.assessment).toBe('Viral URTI');
    expect(detail.addenda).toHaveLength(1);
    const [event] = await auditOf(t.app.ctx.db, 'encounter.addendum', id);
    expect(event).toMatchObject({
      actorId: nurse.id,
      patientId,
      details: { reason: 'Wrong side documented' },
    });
    await expect(
      t.app.ctx.db
        .update(encounterAddenda)
        .set({ text: 'rewritten' })
        .where(eq(encounterAddenda.encounterId, id)),
    ).rejects.toThrow();
  });

  it('refuses addenda on drafts (409), bad input (400), 401 and 403', async () => {
    const draft = await newEncounter();
    const before = await countRows(t.app.ctx.db, encounterAddenda);
    const res = await send('POST', `/api/encounters/${draft.id}/addenda`, { reason: 'x', text: 'y' });
    expect(res.statusCode).toBe(409);
    const id = await signedEncounter();
    expect(errorPaths(await send('POST', `/api/encounters/${id}/addenda`, { text: 'no reason' }))).toEqual([
      'body.reason',
    ]);
    expect(
      errorPaths(await send('POST', `/api/encounters/${id}/addenda`, { reason: 'r', text: '   ' })),
    ).toEqual(['body.text']);
    expect(
      (await send('POST', `/api/encounters/${id}/addenda`, { reason: 'r', text: 't' }, null)).statusCode,
    ).toBe(401);
    const denied = await send(
      'POST',
      `/api/encounters/${id}/addenda`,
      { reason: 'r', text: 't' },
      pharmacist.cookie,
    );
    expect(denied.statusCode).toBe(403);
    expect(await countRows(t.app.ctx.db, encounterAddenda)).toBe(before);
  });
});

describe('signed lock in the database', () => {
  it('refuses diagnoses added to or removed from a signed encounter', async () => {
    const id = await signedEncounter();
    await expect(
      t.app.ctx.db.insert(encounterDiagnoses).values({ encounterId: id, code: 'I10', kind: 'secondary' }),
    ).rejects.toThrow();
    const state = await t.app.ctx.db.execute(
      sql`select count(*)::int as n from encounter_diagnoses where encounter_id = ${id}`,
    );
    expect((state as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});
