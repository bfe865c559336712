import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { patients } from '../patients/patients.schema.ts';
import type { DicomJson } from './dicom-json.ts';
import { imagingInstances } from './imaging.schema.ts';
import { makeDicom, newUid, stowBody } from './imaging-fixtures.ts';

let t: TestApp;
let admin: TestUser;
let radiologist: TestUser;
let doctor: TestUser;
let patientId: string;
let mrn: string;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  radiologist = await t.userWithRoles(['radiologist']);
  doctor = await t.userWithRoles(['doctor']);
  patientId = await insertPatient(t.app.ctx.db, { givenName: 'Marta', familyName: 'Quispe' });
  const [row] = await t.app.ctx.db
    .select({ mrn: patients.mrn })
    .from(patients)
    .where(eq(patients.id, patientId));
  mrn = row?.mrn ?? '';
});
afterAll(async () => t?.close());

async function stow(files: Buffer[]) {
  const { body, contentType } = stowBody(files);
  const res = await t.request({
    method: 'POST',
    url: '/dicom-web/studies',
    cookie: radiologist.cookie,
    headers: { 'content-type': contentType },
    payload: body,
  });
  expect(res.statusCode).toBe(200);
}

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, user = radiologist) =>
  t.request({ method, url, cookie: user.cookie, ...(payload ? { payload } : {}) });

async function studyId(studyUid: string): Promise<string> {
  const list = (await api('GET', `/api/imaging/studies?q=${encodeURIComponent(studyUid)}&limit=200`)).json();
  const found = (await api('GET', '/api/imaging/studies?limit=200'))
    .json()
    .items.find((s: { studyUid: string }) => s.studyUid === studyUid);
  expect(list.items.length + (found ? 1 : 0)).toBeGreaterThan(0);
  return found.id;
}

describe('imaging studies API', () => {
  it('lists and searches studies with their patients, audited', async () => {
    const studyUid = newUid();
    await stow([
      makeDicom({
        studyUid,
        patientId: mrn,
        patientName: 'QUISPE^MARTA',
        modality: 'CR',
        studyDate: '20260115',
      }),
    ]);
    const byName = (await api('GET', '/api/imaging/studies?q=quispe')).json();
    expect(byName.items.map((s: { studyUid: string }) => s.studyUid)).toContain(studyUid);
    const item = byName.items.find((s: { studyUid: string }) => s.studyUid === studyUid);
    expect(item).toMatchObject({
      link: 'matched',
      patientId,
      mrn,
      patientName: 'Marta Quispe',
      modalities: ['CR'],
      seriesCount: 1,
      instanceCount: 1,
    });
    expect((await api('GET', `/api/imaging/studies?q=${mrn}`)).json().items).toHaveLength(1);
    expect(
      (await api('GET', '/api/imaging/studies?from=2026-01-01&to=2026-01-31&modality=CR')).json().total,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await api('GET', '/api/imaging/studies?from=2026-01-16&modality=CR&q=quispe')).json().items,
    ).toHaveLength(0);
    expect((await api('GET', '/api/imaging/studies?modality=ct!')).json().errors[0].path).toBe(
      'query.modality',
    );
    const chart = (await api('GET', `/api/patients/${patientId}/imaging`, undefined, doctor)).json();
    expect(chart.items.map((s: { studyUid: string }) => s.studyUid)).toContain(studyUid);
    expect((await auditOf(t.app.ctx.db, 'imaging.read')).some((e) => e.patientId === patientId)).toBe(true);
  });

  it('suggests patients for an unmatched study and links it, rewriting the stored files', async () => {
    const studyUid = newUid();
    const seriesUid = newUid();
    const sopInstanceUid = newUid();
    const original = makeDicom({
      studyUid,
      seriesUid,
      sopInstanceUid,
      patientId: 'OUTSIDE-9',
      patientName: 'Quispe^Marta',
      patientBirthDate: '19900412',
    });
    await stow([original]);
    const id = await studyId(studyUid);
    const detail = (await api('GET', `/api/imaging/studies/${id}`)).json();
    expect(detail.link).toBe('unmatched');
    expect(detail.series).toHaveLength(1);
    expect(detail.series[0].previewInstanceUid).toBe(sopInstanceUid);
    expect(detail.suggestions[0]).toMatchObject({ id: patientId });
    const linked = await api('POST', `/api/imaging/studies/${id}/link`, { patientId, rewrite: true });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({
      link: 'linked',
      patientId,
      dicomPatientId: mrn,
      dicomPatientName: 'Quispe^Marta',
    });
    const [meta] = (
      await api(
        'GET',
        `/dicom-web/studies/${studyUid}/series/${seriesUid}/instances/${sopInstanceUid}/metadata`,
      )
    ).json() as DicomJson[];
    expect(meta?.['00100020']?.Value).toEqual([mrn]);
    const [row] = await t.app.ctx.db
      .select()
      .from(imagingInstances)
      .where(eq(imagingInstances.sopInstanceUid, sopInstanceUid));
    expect(row?.originalSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.originalSha256).not.toBe(row?.sha256);
    // The original sent again is the same instance, not a conflict.
    await stow([original]);
    expect(
      (await api('GET', '/api/imaging/conflicts'))
        .json()
        .items.filter((c: { sopInstanceUid: string }) => c.sopInstanceUid === sopInstanceUid),
    ).toEqual([]);
    expect((await auditOf(t.app.ctx.db, 'imaging.study.link')).some((e) => e.resourceId === id)).toBe(true);
    const refused = await api('POST', `/api/imaging/studies/${id}/link`, { patientId }, doctor);
    expect(refused.statusCode).toBe(403);
  });

  it('resolves a conflict by replacing the stored instance', async () => {
    const studyUid = newUid();
    const seriesUid = newUid();
    const sopInstanceUid = newUid();
    await stow([makeDicom({ studyUid, seriesUid, sopInstanceUid, extra: { SeriesDescription: 'first' } })]);
    const { body, contentType } = stowBody([
      makeDicom({ studyUid, seriesUid, sopInstanceUid, extra: { SeriesDescription: 'second' } }),
    ]);
    await t.request({
      method: 'POST',
      url: '/dicom-web/studies',
      cookie: radiologist.cookie,
      headers: { 'content-type': contentType },
      payload: body,
    });
    const conflict = (await api('GET', '/api/imaging/conflicts'))
      .json()
      .items.find((c: { sopInstanceUid: string }) => c.sopInstanceUid === sopInstanceUid);
    expect(conflict).toBeDefined();
    expect(
      (await api('POST', `/api/imaging/conflicts/${conflict.id}/resolve`, { resolution: 'replaced' }))
        .statusCode,
    ).toBe(204);
    const [meta] = (
      await api(
        'GET',
        `/dicom-web/studies/${studyUid}/series/${seriesUid}/instances/${sopInstanceUid}/metadata`,
      )
    ).json() as DicomJson[];
    expect(meta?.['0008103E']?.Value).toEqual(['second']);
    expect(
      (await api('POST', `/api/imaging/conflicts/${conflict.id}/resolve`, { resolution: 'replaced' }))
        .statusCode,
    ).toBe(404);
  });

  it('deletes a series and a study with a reason, at once', async () => {
    const studyUid = newUid();
    const keep = newUid();
    await stow([
      makeDicom({ studyUid, seriesUid: keep }),
      makeDicom({ studyUid, seriesUid: `${keep}.2`, seriesNumber: 2 }),
    ]);
    const id = await studyId(studyUid);
    const detail = (await api('GET', `/api/imaging/studies/${id}`)).json();
    expect(
      (await api('DELETE', `/api/imaging/series/${detail.series[1].id}`, { reason: 'x' }, admin)).json()
        .errors[0].path,
    ).toBe('body.reason');
    expect(
      (
        await api(
          'DELETE',
          `/api/imaging/series/${detail.series[1].id}`,
          { reason: 'wrong patient' },
          radiologist,
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (await api('DELETE', `/api/imaging/series/${detail.series[1].id}`, { reason: 'wrong patient' }, admin))
        .statusCode,
    ).toBe(204);
    expect((await api('GET', `/api/imaging/studies/${id}`)).json().series).toHaveLength(1);
    expect(
      (await api('DELETE', `/api/imaging/studies/${id}`, { reason: 'test images' }, admin)).statusCode,
    ).toBe(204);
    expect((await api('GET', `/api/imaging/studies/${id}`)).statusCode).toBe(404);
    expect((await api('GET', `/dicom-web/studies/${studyUid}/metadata`)).statusCode).toBe(404);
    const events = await auditOf(t.app.ctx.db, 'imaging.study.delete');
    expect(events.find((e) => e.resourceId === id)?.details).toMatchObject({ reason: 'test images' });
  });
});

describe('DICOM peers API', () => {
  it('creates, lists, changes and removes peers; refuses a taken AE title and bad input', async () => {
    const peer = {
      aeTitle: 'MODALITY1',
      host: '127.0.0.1',
      port: 11112,
      verbs: ['echo', 'store'],
      description: 'CT room',
    };
    const created = await api('POST', '/api/imaging/peers', peer, admin);
    expect(created.statusCode).toBe(201);
    const again = await api('POST', '/api/imaging/peers', peer, admin);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('aeTitle');

    expect(
      (await api('POST', '/api/imaging/peers', { ...peer, aeTitle: 'X'.repeat(17) }, admin)).json().errors[0]
        .path,
    ).toBe('body.aeTitle');
    expect(
      (await api('POST', '/api/imaging/peers', { ...peer, aeTitle: 'P2', port: 0 }, admin)).json().errors[0]
        .path,
    ).toBe('body.port');
    const id = created.json().id;
    expect((await api('PUT', `/api/imaging/peers/${id}`, { ...peer, port: 104 }, admin)).json().port).toBe(
      104,
    );
    expect((await api('GET', '/api/imaging/peers', undefined, admin)).json().items).toHaveLength(1);
    expect((await api('GET', '/api/imaging/peers')).statusCode).toBe(403);
    expect((await api('DELETE', `/api/imaging/peers/${id}`, undefined, admin)).statusCode).toBe(204);
    expect((await api('GET', '/api/imaging/activity', undefined, admin)).json().items).toEqual([]);
  });
});
