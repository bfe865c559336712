import type { OrthancLink } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../test/test-app.ts';
import { imagingInstances, imagingStudies, orthancLinks } from '../imaging.schema.ts';
import { requireLink } from './orthanc-links.service.ts';
import {
  followOrthancLink,
  ORTHANC_FOLLOW_SCHEDULE,
  ORTHANC_RECONCILE_SCHEDULE,
  reconcileOrthancLink,
  scheduleOrthancSync,
} from './orthanc-sync.ts';
import { freePort, type OrthancTestServer, orthancInstalled } from './orthanc-test-server.ts';
import {
  faultyProxy,
  makeStudy,
  mountOrthancRoutes,
  orthancApi,
  startTestbed,
} from './orthanc-test-support.ts';

mountOrthancRoutes();

let t: TestApp;
let orthanc: OrthancTestServer;
let admin: TestUser;
let link: OrthancLink;

beforeAll(async () => {
  if (!orthancInstalled) return;
  await startTestbed((started) => {
    if (started.t) t = started.t;
    if (started.orthanc) orthanc = started.orthanc;
  });
  admin = await t.userWithRoles(['admin']);
  const created = await api('POST', '', {
    name: 'Followed',
    url: orthanc.url,
    username: orthanc.username,
    password: orthanc.password,
  });
  link = created.json();
});
afterAll(async () => Promise.all([t?.close(), orthanc?.stop()]));

const api = (...args: Parameters<ReturnType<typeof orthancApi>>) => orthancApi(t, () => admin)(...args);

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
    const { studyUid, files } = makeStudy(2, 'Follow^Patient');
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
    // Ahead of Orthanc's feed (its database was replaced): start over from its beginning, again no duplicates.
    await setLastChange((await orthanc.lastChange()) + 1000);
    const reset = await followOrthancLink(t.app.ctx, await requireLink(t.app.ctx.db, link.id));
    expect(reset).toMatchObject({ stored: 0, refused: 0, failed: 0, lastChange: await orthanc.lastChange() });
    expect(reset.duplicate).toBe(2);
    expect(await instanceCount()).toBe(count);
  });

  it('reconciliation imports a study whose change was never followed', async () => {
    const { studyUid, files } = makeStudy(2, 'Missed^Patient');
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
    const { studyUid, files } = makeStudy(1, 'Still^Synced');
    for (const file of files) await orthanc.upload(file);

    // The ticks scheduleOrthancSync registers, run here as the scheduler would run them.
    const ticks = new Map<string, { intervalMs: number; tick: () => Promise<void> }>();
    const every = (name: string, intervalMs: number, tick: () => Promise<void>) => {
      ticks.set(name, { intervalMs, tick });
    };
    scheduleOrthancSync({ ...t.app.ctx, jobs: { ...t.app.ctx.jobs, every } });
    expect(ticks.get(ORTHANC_FOLLOW_SCHEDULE)?.intervalMs).toBe(30_000);
    expect(ticks.get(ORTHANC_RECONCILE_SCHEDULE)?.intervalMs).toBe(3_600_000);
    await ticks.get(ORTHANC_FOLLOW_SCHEDULE)?.tick();
    const downRow = await requireLink(t.app.ctx.db, down.id);
    expect(downRow.lastError).toContain(down.url);
    expect(downRow.lastChange).toBe(0);
    const [row] = await t.app.ctx.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyUid, studyUid));
    expect(row).toBeDefined();
    expect((await requireLink(t.app.ctx.db, link.id)).lastError).toBeNull();
    const reconciledBefore = (await requireLink(t.app.ctx.db, link.id)).lastReconcileAt;
    await ticks.get(ORTHANC_RECONCILE_SCHEDULE)?.tick();
    expect((await requireLink(t.app.ctx.db, link.id)).lastReconcileAt?.getTime()).toBeGreaterThan(
      reconciledBefore?.getTime() ?? 0,
    );
    const reconcile = await api('POST', `/${down.id}/reconcile`);
    expect(reconcile.statusCode).toBe(503);
    expect(reconcile.json().detail).toContain(down.url);
  });

  it('stops at a transfer that breaks mid-page, just before it, and resumes there without a gap', async () => {
    const { studyUid, files } = makeStudy(3, 'Broken^Transfer');
    const start = await orthanc.lastChange();
    const uploaded = [];
    for (const file of files) uploaded.push(await orthanc.upload(file));
    let broken = uploaded[1]?.id;
    const proxy = await faultyProxy(orthanc.url, (url) => url.startsWith(`/instances/${broken}/file`));
    try {
      const created = await api('PUT', `/${link.id}`, {
        name: 'Followed',
        url: proxy.url,
        username: orthanc.username,
        followChanges: false,
      });
      expect(created.json()).toMatchObject({ url: proxy.url, lastChange: 0 }); // another server: from its start
      await setLastChange(start);
      const stored = async () =>
        (
          await t.app.ctx.db
            .select({ id: imagingInstances.id })
            .from(imagingInstances)
            .innerJoin(imagingStudies, eq(imagingStudies.id, imagingInstances.studyId))
            .where(eq(imagingStudies.studyUid, studyUid))
        ).length;

      await expect(followOrthancLink(t.app.ctx, await requireLink(t.app.ctx.db, link.id))).rejects.toThrow(
        'injected fault',
      );
      const halted = await requireLink(t.app.ctx.db, link.id);
      expect(halted.lastError).toContain(proxy.url);
      expect(halted.lastChange).toBeGreaterThan(start);
      expect(halted.lastChange).toBeLessThan(await orthanc.lastChange());
      expect(await stored()).toBe(2); // the first and the third; the second broke off

      broken = undefined;
      const resumed = await followOrthancLink(t.app.ctx, halted);
      expect(resumed).toMatchObject({ stored: 1, failed: 0, done: true });
      expect(await stored()).toBe(3);
      expect((await requireLink(t.app.ctx.db, link.id)).lastError).toBeNull();
    } finally {
      await proxy.close();
    }
  });
});
