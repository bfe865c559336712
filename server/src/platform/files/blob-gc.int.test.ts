import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_REFERENCES } from '../../app.ts';
import { removePhoto, setPhoto } from '../../modules/patients/patient-photo.service.ts';
import { registerPatient, TINY_JPEG, TINY_PNG } from '../../modules/patients/patient-test-fixtures.ts';
import { uploadClinicLogo } from '../../modules/settings/clinic-logo.service.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { onPostgres } from '../../test/test-database.ts';
import { SYSTEM_ACTOR } from '../audit/audit.writer.ts';
import { queryRows } from '../db/database.ts';
import { collectGarbage } from './blob-gc.ts';
import { blobKey } from './blob-store.ts';

let t: TestApp;
let nurse: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  nurse = await t.userWithRoles(['nurse']);
});
afterAll(async () => t?.close());

const HOUR = 3600_000;
const collect = () => collectGarbage(t.app.ctx.db, t.app.ctx.blobs, BLOB_REFERENCES, { graceMs: HOUR });
const put = async (bytes: Buffer) =>
  (await t.app.ctx.blobs.put(t.app.ctx.db, bytes, { contentType: 'application/pdf' })).sha256;
const age = (sha: string) =>
  t.app.ctx.db.execute(sql`UPDATE blobs SET touched_at = now() - interval '2 hours' WHERE sha256 = ${sha}`);
const kept = async (sha: string) => {
  const rows = await queryRows(t.app.ctx.db, sql`SELECT 1 FROM blobs WHERE sha256 = ${sha}`);
  const object = await t.app.ctx.blobs.stat(sha);
  expect(rows.length === 1, `row of ${sha}`).toBe(object !== null);
  return object !== null;
};
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)]);

describe('the blob collector', () => {
  it('keeps every blob a photo, attachment, logo or email names, and removes the rest once old', async () => {
    const patient = await registerPatient(t);
    await setPhoto(t.app.ctx, SYSTEM_ACTOR, patient.id, TINY_PNG, 'image/png');
    const attached = pdf();
    const upload = await t.request({
      method: 'POST',
      url: `/api/patients/${patient.id}/attachments?filename=lab.pdf&kind=lab-result`,
      cookie: nurse.cookie,
      headers: { 'content-type': 'application/pdf' },
      payload: attached,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const logo = await uploadClinicLogo(t.app.ctx, SYSTEM_ACTOR, TINY_JPEG, 'image/jpeg');
    const emailed = pdf();
    await t.app.ctx.outbox.queueEmail(t.app.ctx.db, {
      to: 'someone@example.org',
      subject: 'Your letter',
      text: 'Attached.',
      attachments: [{ filename: 'letter.pdf', contentType: 'application/pdf', content: emailed }],
    });
    const referenced = [
      (await t.app.ctx.blobs.put(t.app.ctx.db, TINY_PNG, { contentType: 'image/png' })).sha256,
      upload.json().sha256 as string,
      (logo.logoUrl ?? '').split('/').at(-1) ?? '',
      await put(emailed),
    ];
    const orphanOld = await put(pdf());
    const orphanNew = await put(pdf());
    for (const sha of [...referenced, orphanOld]) await age(sha);

    const report = await collect();
    expect(report.removed).toBeGreaterThanOrEqual(1);
    for (const sha of referenced) expect(await kept(sha), sha).toBe(true);
    expect(await kept(orphanOld)).toBe(false);
    expect(await kept(orphanNew)).toBe(true);

    // Once the photo is removed, its blob goes with the next collection.
    await removePhoto(t.app.ctx, SYSTEM_ACTOR, patient.id);
    await collect();
    expect(await kept(referenced[0] ?? '')).toBe(false);
    for (const sha of referenced.slice(1)) expect(await kept(sha), sha).toBe(true);
  });

  it('removes stray objects and staging files left by a stopped server, once old', async () => {
    const backend = t.app.ctx.blobs.backend;
    const strayOld = pdf();
    const strayNew = pdf();
    const shaOld = await put(strayOld);
    const shaNew = await put(strayNew);
    await t.app.ctx.db.execute(sql`DELETE FROM blobs WHERE sha256 IN (${shaOld}, ${shaNew})`);
    const old = new Date(Date.now() - 2 * HOUR);
    await fs.utimes(path.join(backend.location, blobKey(shaOld)), old, old);
    await fs.mkdir(backend.stagingDir, { recursive: true });
    const leftover = path.join(backend.stagingDir, 'left-by-a-crash.part');
    await fs.writeFile(leftover, 'half an upload');
    const dayAgo = new Date(Date.now() - 25 * HOUR);
    await fs.utimes(leftover, dayAgo, dayAgo);

    const report = await collect();
    expect(report).toMatchObject({ strayObjects: 1, staleStaging: 1 });
    expect(await backend.stat(blobKey(shaOld))).toBeNull();
    expect(await backend.stat(blobKey(shaNew))).toBe(strayNew.length);
  });

  it.runIf(onPostgres)(
    'skips a blob a writer holds (a reference being inserted), and takes it later',
    async () => {
      const sha = await put(pdf());
      await age(sha);
      await t.app.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1 FROM blobs WHERE sha256 = ${sha} FOR KEY SHARE`);
        await collect();
        expect(await t.app.ctx.blobs.stat(sha)).not.toBeNull();
      });
      await collect();
      expect(await kept(sha)).toBe(false);
    },
  );

  it('never deletes a blob an attachment row names, even if asked to ignore the references', async () => {
    const patient = await registerPatient(t);
    const res = await t.request({
      method: 'POST',
      url: `/api/patients/${patient.id}/attachments?filename=scan.pdf&kind=lab-result`,
      cookie: nurse.cookie,
      headers: { 'content-type': 'application/pdf' },
      payload: pdf(),
    });
    const sha = res.json().sha256 as string;
    await age(sha);
    await expect(collectGarbage(t.app.ctx.db, t.app.ctx.blobs, [], { graceMs: HOUR })).rejects.toThrow();
    expect(await kept(sha)).toBe(true);
  });
});
