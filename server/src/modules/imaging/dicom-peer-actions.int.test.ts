import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { freePort, tempDir } from './dimse/dimse-test-support.ts';
import { imagingInstances, imagingStudies } from './imaging.schema.ts';
import { makeDicom, newUid, stowBody } from './imaging-fixtures.ts';

const hasQr = fs.existsSync('/usr/bin/dcmqrscp');
let t: TestApp;
let admin: TestUser;
let peerId: string;
let qr: { kill(): void } | undefined;

/** dcmtk's query/retrieve SCP as the remote archive, knowing this archive as CAREBASE for C-MOVE. */
async function startQrScp(ourPort: number): Promise<number> {
  const port = await freePort();
  const dir = tempDir('qrscp');
  fs.mkdirSync(path.join(dir, 'db'));
  const config = `NetworkTCPPort = ${port}
MaxPDUSize = 16384
MaxAssociations = 16
HostTable BEGIN
carebase = (CAREBASE, 127.0.0.1, ${ourPort})
HostTable END
VendorTable BEGIN
VendorTable END
AETable BEGIN
REMOTE ${path.join(dir, 'db')} RW (100, 1024mb) ANY
AETable END
`;
  fs.writeFileSync(path.join(dir, 'dcmqrscp.cfg'), config);
  qr = spawn('dcmqrscp', ['-c', path.join(dir, 'dcmqrscp.cfg'), String(port)], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return port;
}

beforeAll(async () => {
  if (!hasQr) return;
  const ourPort = await freePort();
  t = await createTestApp({
    dimse: { port: ourPort, host: '127.0.0.1', aeTitle: 'CAREBASE', allowUnknownAe: false },
  });
  admin = await t.userWithRoles(['admin']);
  const port = await startQrScp(ourPort);
  const res = await t.request({
    method: 'POST',
    url: '/api/imaging/peers',
    cookie: admin.cookie,
    payload: { aeTitle: 'REMOTE', host: '127.0.0.1', port, verbs: ['store'], description: 'dcmqrscp' },
  });
  peerId = res.json().id;
});
afterAll(async () => {
  qr?.kill();
  await t?.close();
});

/** The instances stored here, each with its pixel data (dcmqrscp re-encodes what it keeps, so not its bytes). */
async function storedInstances(): Promise<string[]> {
  const rows = await t.app.ctx.db.select().from(imagingInstances);
  const digests = await Promise.all(
    rows.map(async (r) => {
      const [offset, length] = r.bulk['7FE00010'] ?? [0, 0];
      const pixels = (await t.app.ctx.blobs.read(r.sha256)).subarray(offset, offset + length);
      return `${r.sopInstanceUid} ${createHash('sha256').update(pixels).digest('hex')}`;
    }),
  );
  return digests.sort();
}

const post = (url: string, payload: object = {}) =>
  t.request({ method: 'POST', url, cookie: admin.cookie, payload });

describe.skipIf(!hasQr)('working with a remote DICOM archive (dcmqrscp)', () => {
  const studyUid = newUid();
  const files = [1, 2].map((n) =>
    makeDicom({ studyUid, instanceNumber: n, patientId: 'PEER-1', patientName: 'Remote^Rosa' }),
  );

  it('echoes, sends a study, finds it there, and brings it back with C-GET and C-MOVE', async () => {
    const echo = (await post(`/api/imaging/peers/${peerId}/echo`)).json();
    expect(echo).toMatchObject({ ok: true, status: 0 });
    const { body, contentType } = stowBody(files);
    await t.request({
      method: 'POST',
      url: '/dicom-web/studies',
      cookie: admin.cookie,
      headers: { 'content-type': contentType },
      payload: body,
    });
    const sent = await post(`/api/imaging/peers/${peerId}/store`, { studyUid });
    expect(sent.json()).toMatchObject({ completed: 2, failed: 0 });
    const shas = await storedInstances();
    const [study] = await t.app.ctx.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyUid, studyUid));
    expect(
      (
        await t.request({
          method: 'DELETE',
          url: `/api/imaging/studies/${study?.id}`,
          cookie: admin.cookie,
          payload: { reason: 'test retrieve' },
        })
      ).statusCode,
    ).toBe(204);

    const found = (await post(`/api/imaging/peers/${peerId}/find`, { patientName: 'Remote*' })).json().items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ studyUid, patientId: 'PEER-1', stored: false });

    const got = (await post(`/api/imaging/peers/${peerId}/retrieve`, { studyUid, method: 'get' })).json();
    expect(got).toMatchObject({ completed: 2, failed: 0 });
    expect(await storedInstances()).toEqual(shas);

    const [again] = await t.app.ctx.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyUid, studyUid));
    await t.request({
      method: 'DELETE',
      url: `/api/imaging/studies/${again?.id}`,
      cookie: admin.cookie,
      payload: { reason: 'test move' },
    });
    const moved = (await post(`/api/imaging/peers/${peerId}/retrieve`, { studyUid, method: 'move' })).json();
    expect(moved).toMatchObject({ completed: 2, failed: 0 });
    expect(await storedInstances()).toEqual(shas);
  });

  it('says clearly when the peer is not there', async () => {
    const dead = await post('/api/imaging/peers', {
      aeTitle: 'GONE',
      host: '127.0.0.1',
      port: await freePort(),
      verbs: [],
      description: '',
    });
    const echo = (await post(`/api/imaging/peers/${dead.json().id}/echo`)).json();
    expect(echo.ok).toBe(false);
    expect(echo.message).toMatch(/ECONNREFUSED|connect/i);
    const find = await post(`/api/imaging/peers/${dead.json().id}/find`, {});
    expect(find.statusCode).toBe(503);
  });
});
