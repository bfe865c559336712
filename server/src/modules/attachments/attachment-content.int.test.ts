import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobKey } from '../../platform/files/blob-store.ts';
import { blobs } from '../../platform/files/files.schema.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, countRows, errorPaths } from '../../test/test-queries.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';

const MB = 1024 * 1024;
let t: TestApp;
let nurse: TestUser;
let patientId: string;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000, attachmentMaxBytes: 4 * MB });
  nurse = await t.userWithRoles(['nurse']);
  patientId = await insertPatient(t.app.ctx.db);
});
afterAll(async () => t?.close());

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const upload = (bytes: Buffer) =>
  t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/attachments?filename=scan.pdf&kind=imaging`,
    cookie: nurse.cookie,
    headers: { 'content-type': 'application/pdf' },
    payload: bytes,
  });
const content = (id: string, headers: Record<string, string> = {}) =>
  t.request({ method: 'GET', url: `/api/attachments/${id}/content`, cookie: nurse.cookie, headers });

describe('attachment content, streamed', () => {
  it('takes a file up to the configured limit and serves it whole or by range', async () => {
    const bytes = pdf(3 * MB + 5);
    const res = await upload(bytes);
    expect(res.statusCode, res.body).toBe(201);
    const { id, size } = res.json();
    expect(size).toBe(bytes.length);

    const whole = await content(id);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-length']).toBe(String(bytes.length));
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(bytes)).toBe(true);

    const part = await content(id, { range: 'bytes=100-199' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.rawPayload.equals(bytes.subarray(100, 200))).toBe(true);
    const last = await content(id, { range: 'bytes=-10' });
    expect(last.rawPayload.equals(bytes.subarray(-10))).toBe(true);
    const beyond = await content(id, { range: `bytes=${bytes.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect((await auditOf(t.app.ctx.db, 'attachment.content.read', id)).length).toBe(4);
  });

  it('refuses a file past the limit while it streams in, keeping nothing', async () => {
    const before = await countRows(t.app.ctx.db, blobs);
    const res = await upload(pdf(4 * MB + 1));
    expect(res.statusCode).toBe(413);
    expect(errorPaths(res)).toEqual(['body']);
    expect(res.json().detail).toContain('4 MB');
    expect(await countRows(t.app.ctx.db, blobs)).toBe(before);
  });

  it('answers 503 for a damaged small file, and cuts a large one off rather than serve it whole', async () => {
    const small = (await upload(pdf(2000))).json();
    await t.app.ctx.blobs.backend.write(blobKey(small.sha256), Readable.from([pdf(2000)]));
    const damaged = await content(small.id);
    expect(damaged.statusCode).toBe(503);
    expect(damaged.json().detail).toContain('missing or damaged');

    const large = (await upload(pdf(2 * MB))).json();
    await t.app.ctx.blobs.backend.write(blobKey(large.sha256), Readable.from([pdf(2 * MB)]));
    const cut = await content(large.id).then(
      (r) => r.rawPayload.length,
      () => -1,
    );
    expect(cut).toBeLessThan(2 * MB);
  });
});
