import { MAX_ATTACHMENT_BYTES } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../../platform/files/files.schema.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, countRows, errorPaths } from '../../test/test-queries.ts';
import { insertPatient, portalPatient } from '../encounters/chart-fixtures.ts';
import { attachments } from './attachments.schema.ts';

let t: TestApp;
let doctor: TestUser;
let nurse: TestUser;
let receptionist: TestUser;
let patientId: string;

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('fake image body')]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('jfif body')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  doctor = await t.userWithRoles(['doctor']);
  nurse = await t.userWithRoles(['nurse']);
  receptionist = await t.userWithRoles(['receptionist']);
  patientId = await insertPatient(t.app.ctx.db);
});
afterAll(async () => t?.close());

function upload(
  pid: string,
  bytes: Buffer | string,
  contentType: string,
  query = 'filename=scan.png&kind=lab-result',
  cookie: string | null = nurse.cookie,
) {
  return t.request({
    method: 'POST',
    url: `/api/patients/${pid}/attachments?${query}`,
    cookie: cookie ?? undefined,
    headers: { 'content-type': contentType },
    payload: bytes,
  });
}

const get = (url: string, cookie: string | null = doctor.cookie) =>
  t.request({ method: 'GET', url, cookie: cookie ?? undefined });

describe('POST /api/patients/:patientId/attachments', () => {
  it('stores a PNG, JPEG or PDF in the blob store, audited', async () => {
    const res = await upload(patientId, PNG, 'image/png', 'filename=CBC%20result.png&kind=lab-result');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      patientId,
      encounterId: null,
      kind: 'lab-result',
      filename: 'CBC result.png',
      contentType: 'image/png',
      size: PNG.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      uploadedBy: nurse.id,
      uploadedByName: 'Test nurse',
    });
    expect(await t.app.ctx.blobs.stat(res.json().sha256)).toBe(PNG.length);
    const [event] = await auditOf(t.app.ctx.db, 'attachment.upload', res.json().id);
    expect(event).toMatchObject({ actorId: nurse.id, patientId, details: { size: PNG.length } });
    expect((await upload(patientId, JPEG, 'image/jpeg', 'filename=wound.jpg&kind=photo')).statusCode).toBe(
      201,
    );
    expect((await upload(patientId, PDF, 'application/pdf', 'filename=referral.pdf')).json()).toMatchObject({
      contentType: 'application/pdf',
      kind: 'document',
    });
  });

  it('links to an encounter of the same patient, listed in the encounter', async () => {
    const enc = (
      await t.request({
        method: 'POST',
        url: `/api/patients/${patientId}/encounters`,
        cookie: doctor.cookie,
        payload: { type: 'consultation' },
      })
    ).json();
    const res = await upload(
      patientId,
      PDF,
      'application/pdf',
      `filename=xray.pdf&kind=imaging&encounterId=${enc.id}`,
    );
    expect(res.statusCode).toBe(201);
    const detail = (await get(`/api/encounters/${enc.id}`)).json();
    expect(detail.attachments.map((a: { id: string }) => a.id)).toEqual([res.json().id]);
    const other = await insertPatient(t.app.ctx.db);
    const wrong = await upload(other, PDF, 'application/pdf', `filename=x.pdf&encounterId=${enc.id}`);
    expect(wrong.statusCode).toBe(400);
    expect(errorPaths(wrong)).toEqual(['query.encounterId']);
  });

  it('refuses other types by their bytes (415), too large files (413) and bad names (400), storing nothing', async () => {
    const rows = await countRows(t.app.ctx.db, attachments);
    const stored = await countRows(t.app.ctx.db, blobs);
    const gif = await upload(patientId, Buffer.from('GIF89a....'), 'image/png');
    expect(gif.statusCode).toBe(415);
    expect(gif.json().detail).toContain('Only JPEG, PNG and PDF');
    const html = await upload(patientId, '<html><script>alert(1)</script>', 'text/html');
    expect(html.statusCode).toBe(415);
    const json = await t.request({
      method: 'POST',
      url: `/api/patients/${patientId}/attachments?filename=a.png`,
      cookie: nurse.cookie,
      payload: { file: 'base64...' },
    });
    expect(json.statusCode).toBe(415);
    const mislabelled = await upload(patientId, PDF, 'image/png');
    expect(mislabelled.statusCode).toBe(415);
    expect(mislabelled.json().detail).toContain('application/pdf');
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    const tooBig = await upload(patientId, big, 'image/png');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().detail).toContain('10 MB');
    expect((await upload(patientId, Buffer.alloc(0), 'image/png')).statusCode).toBe(400);
    expect(errorPaths(await upload(patientId, PNG, 'image/png', 'kind=photo'))).toEqual(['query.filename']);
    expect(errorPaths(await upload(patientId, PNG, 'image/png', 'filename=../../etc/passwd'))).toEqual([
      'query.filename',
    ]);
    expect(errorPaths(await upload(patientId, PNG, 'image/png', 'filename=a.png&kind=selfie'))).toEqual([
      'query.kind',
    ]);
    expect(await countRows(t.app.ctx.db, attachments)).toBe(rows);
    expect(await countRows(t.app.ctx.db, blobs)).toBe(stored);
  });

  it('answers 401, 403 to the receptionist and to patients, 404 for an unknown patient', async () => {
    expect((await upload(patientId, PNG, 'image/png', undefined, null)).statusCode).toBe(401);
    expect((await upload(patientId, PNG, 'image/png', undefined, receptionist.cookie)).statusCode).toBe(403);
    const { user, patientId: own } = await portalPatient(t);
    expect((await upload(own, PNG, 'image/png', undefined, user.cookie)).statusCode).toBe(403);
    expect((await upload('00000000-0000-4000-8000-000000000000', PNG, 'image/png')).statusCode).toBe(404);
  });
});

describe('GET /api/patients/:patientId/attachments and /api/attachments/:id/content', () => {
  it('lists newest first and serves the bytes with type and disposition, each read audited', async () => {
    const pid = await insertPatient(t.app.ctx.db);
    const first = (await upload(pid, PDF, 'application/pdf', 'filename=Informe%20m%C3%A9dico.pdf')).json();
    const second = (await upload(pid, JPEG, 'image/jpeg', 'filename=rash.jpg&kind=photo')).json();
    const list = await get(`/api/patients/${pid}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([second.id, first.id]);

    const content = await get(`/api/attachments/${first.id}/content?download=true`);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.headers['content-disposition']).toBe(
      `attachment; filename="Informe m_dico.pdf"; filename*=UTF-8''Informe%20m%C3%A9dico.pdf`,
    );
    expect(content.rawPayload.equals(PDF)).toBe(true);
    const inline = await get(`/api/attachments/${second.id}/content`);
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    expect(inline.headers['content-type']).toBe('image/jpeg');
    const [read] = await auditOf(t.app.ctx.db, 'attachment.content.read', first.id);
    expect(read).toMatchObject({ actorId: doctor.id, patientId: pid });
    expect(await auditOf(t.app.ctx.db, 'attachment.read', pid)).toHaveLength(2);
  });

  it('lets a patient see their own files except those of draft encounters', async () => {
    const { user, patientId: own } = await portalPatient(t);
    const loose = (await upload(own, PNG, 'image/png', 'filename=a.png')).json();
    const enc = (
      await t.request({
        method: 'POST',
        url: `/api/patients/${own}/encounters`,
        cookie: doctor.cookie,
        payload: { type: 'consultation' },
      })
    ).json();
    const drafted = (
      await upload(own, PDF, 'application/pdf', `filename=b.pdf&encounterId=${enc.id}`)
    ).json();
    const list = await get(`/api/patients/${own}/attachments`, user.cookie);
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([loose.id]);
    expect((await get(`/api/attachments/${loose.id}/content`, user.cookie)).statusCode).toBe(200);
    expect((await get(`/api/attachments/${drafted.id}/content`, user.cookie)).statusCode).toBe(404);
    const foreign = (await upload(patientId, PNG, 'image/png', 'filename=c.png')).json();
    expect((await get(`/api/attachments/${foreign.id}/content`, user.cookie)).statusCode).toBe(404);
    expect((await get(`/api/patients/${patientId}/attachments`, user.cookie)).statusCode).toBe(404);
  });

  it('answers 401, 403 to the receptionist, 404 for unknown ids, 400 for bad ones', async () => {
    const a = (await upload(patientId, PNG, 'image/png', 'filename=d.png')).json();
    expect((await get(`/api/patients/${patientId}/attachments`, null)).statusCode).toBe(401);
    expect((await get(`/api/patients/${patientId}/attachments`, receptionist.cookie)).statusCode).toBe(403);
    expect((await get(`/api/attachments/${a.id}/content`, null)).statusCode).toBe(401);
    expect((await get(`/api/attachments/${a.id}/content`, receptionist.cookie)).statusCode).toBe(403);
    expect((await get('/api/attachments/00000000-0000-4000-8000-000000000000/content')).statusCode).toBe(404);
    expect(errorPaths(await get('/api/attachments/nope/content'))).toEqual(['params.id']);
  });
});
