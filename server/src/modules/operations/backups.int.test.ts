import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createLocalBlobBackend } from '../../platform/files/local-blob-backend.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { fileKey, manifestKey } from './backup-manifest.ts';
import { verifyBackup } from './backup-verify.ts';
import { startBackup } from './backups.service.ts';

let t: TestApp;
let admin: TestUser;
let nurse: TestUser;
let patientId: string;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  nurse = await t.userWithRoles(['nurse']);
  patientId = await insertPatient(t.app.ctx.db);
});
afterAll(async () => t?.close());

const attach = async () => {
  const res = await t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/attachments?filename=x.pdf&kind=document`,
    cookie: nurse.cookie,
    headers: { 'content-type': 'application/pdf' },
    payload: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(50_000)]),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().sha256 as string;
};
const actor = () => ({
  actorId: admin.id,
  actorEmail: admin.email,
  ip: null,
  userAgent: null,
  requestId: null,
});
const backupNow = async () => (await startBackup(t.app.ctx, actor(), 'manual')).finished;
const dest = () => createLocalBlobBackend(t.config.backupUrl);

describe('backups', () => {
  it('backs up the database and files, verifies by restoring, and copies only new files the next time', async () => {
    const first = await attach();
    const res = await t.request({ method: 'POST', url: '/api/operations/backups', cookie: admin.cookie });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({
      status: 'running',
      trigger: 'manual',
      destination: t.config.backupUrl,
    });
    const again = await t.request({ method: 'POST', url: '/api/operations/backups', cookie: admin.cookie });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already running');

    let listed = await t.request({ method: 'GET', url: '/api/operations/backups', cookie: admin.cookie });
    for (let i = 0; i < 200 && listed.json().running; i++) {
      await new Promise((r) => setTimeout(r, 100));
      listed = await t.request({ method: 'GET', url: '/api/operations/backups', cookie: admin.cookie });
    }
    const [done] = listed.json().items;
    expect(done, JSON.stringify(done)).toMatchObject({
      status: 'verified',
      fileCount: 1,
      filesCopied: 1,
      error: null,
    });
    expect(done.sizeBytes).toBeGreaterThan(done.databaseBytes);
    expect(listed.json()).toMatchObject({ successRate: 1, lastVerifiedAt: done.verifiedAt, running: false });
    const detail = await t.request({
      method: 'GET',
      url: `/api/operations/backups/${done.id}`,
      cookie: admin.cookie,
    });
    expect(detail.json().rowCounts['public.attachments']).toBe(1);
    expect(detail.json().rowCounts['public.patients']).toBeGreaterThanOrEqual(1);
    expect(await dest().stat(fileKey(first, null))).toBe(50_009);
    expect(await auditOf(t.app.ctx.db, 'backup.start', done.id)).toHaveLength(1);
    expect(await auditOf(t.app.ctx.db, 'backup.verified', done.id)).toHaveLength(1);

    await attach();
    const second = await backupNow();
    expect(second).toMatchObject({ status: 'verified', fileCount: 2, filesCopied: 1 });
  });

  it('downloads a verified backup as one tar file that restores on its own; audited', async () => {
    await attach();
    const done = await backupNow();
    const res = await t.request({
      method: 'GET',
      url: `/api/operations/backups/${done.id}/download`,
      cookie: admin.cookie,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-tar');
    expect(res.headers['content-disposition']).toContain(`carebase-backup-${done.key}.tar`);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-download-'));
    try {
      fs.writeFileSync(path.join(dir, 'b.tar'), res.rawPayload);
      execFileSync('tar', ['-xf', 'b.tar'], { cwd: dir });
      const verified = await verifyBackup(createLocalBlobBackend(dir), done.key, {
        encryptionKey: null,
        databaseUrl: t.config.databaseUrl,
      });
      expect(verified.ok, JSON.stringify(verified)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await auditOf(t.app.ctx.db, 'backup.download', done.id)).toHaveLength(1);
    const [failed] = await queryRows<{ id: string }>(
      t.app.ctx.db,
      sql`INSERT INTO backups (id, status, trigger, destination, key, encrypted)
      VALUES (gen_random_uuid(), 'failed', 'manual', ${t.config.backupUrl}, 'never-finished', false) RETURNING id`,
    );
    const failedId = failed?.id;
    const refused = await t.request({
      method: 'GET',
      url: `/api/operations/backups/${failedId}/download`,
      cookie: admin.cookie,
    });
    expect(refused.statusCode).toBe(409);
  });

  it('refuses anyone but an administrator', async () => {
    for (const [method, url] of [
      ['GET', '/api/operations/backups'],
      ['POST', '/api/operations/backups'],
      ['GET', `/api/operations/backups/${crypto.randomUUID()}/download`],
    ] as const) {
      expect((await t.request({ method, url, cookie: nurse.cookie })).statusCode).toBe(403);
      expect((await t.request({ method, url })).statusCode).toBe(401);
    }
  });

  it('names what is wrong with a tampered, truncated or foreign backup', async () => {
    const done = await backupNow();
    expect(done.status).toBe('verified');
    const backend = dest();
    const verify = () =>
      verifyBackup(backend, done.key, { encryptionKey: null, databaseUrl: t.config.databaseUrl });
    expect((await verify()).ok).toBe(true);

    const manifest = JSON.parse(fs.readFileSync(path.join(backend.location, manifestKey(done.key)), 'utf8'));
    const dumpFile = path.join(backend.location, manifest.database.piece.key);
    const original = fs.readFileSync(dumpFile);
    fs.writeFileSync(dumpFile, original.subarray(0, original.length - 100));
    expect(await verify()).toMatchObject({
      ok: false,
      reason: expect.stringContaining('database dump is truncated'),
    });
    const altered = Buffer.from(original);
    altered[200] = (altered[200] ?? 0) ^ 1;
    fs.writeFileSync(dumpFile, altered);
    expect(await verify()).toMatchObject({
      ok: false,
      reason: expect.stringContaining('database dump was altered'),
    });
    fs.writeFileSync(dumpFile, original);

    const [file] = manifest.files;
    const stored = path.join(backend.location, fileKey(file.sha256, null));
    const content = fs.readFileSync(stored);
    fs.writeFileSync(stored, Buffer.concat([content, Buffer.from('x')]));
    expect(await verify()).toMatchObject({
      ok: false,
      reason: expect.stringContaining(`file ${file.sha256} is damaged`),
    });
    fs.writeFileSync(stored, content);

    const manifestFile = path.join(backend.location, manifestKey(done.key));
    const manifestText = fs.readFileSync(manifestFile, 'utf8');
    fs.writeFileSync(manifestFile, manifestText.slice(0, 100));
    expect(await verify()).toMatchObject({
      ok: false,
      reason: expect.stringContaining('truncated or not a Carebase backup'),
    });
    fs.writeFileSync(manifestFile, JSON.stringify({ format: 'something-else/1' }));
    expect(await verify()).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a Carebase backup'),
    });
    const counts = JSON.parse(manifestText);
    counts.rowCounts['public.patients'] += 1;
    fs.writeFileSync(manifestFile, JSON.stringify(counts));
    expect(await verify()).toMatchObject({ ok: false, reason: expect.stringContaining('public.patients') });
    fs.writeFileSync(manifestFile, manifestText);
    expect((await verify()).ok).toBe(true);
    expect(
      await verifyBackup(backend, 'no-such-backup', {
        encryptionKey: null,
        databaseUrl: t.config.databaseUrl,
      }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('has no manifest') });
  });

  it('encrypts with the configured key, and a missing or wrong key is a clear error', async () => {
    const key = randomBytes(32);
    t.app.ctx.config.backupEncryptionKey = key;
    try {
      const done = await backupNow();
      expect(done).toMatchObject({ status: 'verified', encrypted: true });
      const backend = dest();
      const manifest = JSON.parse(
        fs.readFileSync(path.join(backend.location, manifestKey(done.key)), 'utf8'),
      );
      const dump = fs.readFileSync(path.join(backend.location, manifest.database.piece.key));
      expect(dump.subarray(0, 6).toString()).toBe('CBENC1');
      const check = (encryptionKey: Buffer | null) =>
        verifyBackup(backend, done.key, { encryptionKey, databaseUrl: t.config.databaseUrl });
      expect(await check(null)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('set BACKUP_ENCRYPTION_KEY'),
      });
      expect(await check(randomBytes(32))).toMatchObject({
        ok: false,
        reason: expect.stringContaining('another key'),
      });
      expect((await check(key)).ok).toBe(true);
    } finally {
      t.app.ctx.config.backupEncryptionKey = null;
    }
  });

  it('a backup cut off with its server is failed, never listed as good, and the next one runs', async () => {
    await t.app.ctx.db.execute(sql`INSERT INTO backups (id, status, trigger, destination, key, encrypted, heartbeat_at)
      VALUES (gen_random_uuid(), 'running', 'manual', 'x', 'cut-off', false, now() - interval '10 minutes')`);
    const listed = await t.request({ method: 'GET', url: '/api/operations/backups', cookie: admin.cookie });
    const cut = listed.json().items.find((b: { key: string }) => b.key === 'cut-off');
    expect(cut).toMatchObject({ status: 'failed', error: expect.stringContaining('server stopped') });
    expect((await backupNow()).status).toBe('verified');
  });

  it('keeps what retention says after each verified backup, and removes files no kept backup names', async () => {
    const patched = await t.request({
      method: 'PATCH',
      url: '/api/settings/system',
      cookie: admin.cookie,
      payload: { backups: { retention: { daily: 1, weekly: 0, monthly: 0 } } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const loose = randomBytes(1000);
    const { sha256 } = await t.app.ctx.blobs.put(t.app.ctx.db, loose, { contentType: 'application/pdf' });
    const withLoose = await backupNow();
    expect(await dest().stat(fileKey(sha256, null))).toBe(1000);
    // The collector takes the blob (no row names it); the next backup no longer holds it.
    await t.app.ctx.db.execute(sql`DELETE FROM blobs WHERE sha256 = ${sha256}`);
    const latest = await backupNow();
    expect(latest.status).toBe('verified');
    const rows = await queryRows<{ id: string }>(
      t.app.ctx.db,
      sql`SELECT id FROM backups WHERE pruned_at IS NULL AND destination = ${t.config.backupUrl}`,
    );
    expect(rows.map((r) => r.id)).toEqual([latest.id]);
    expect(await dest().stat(manifestKey(withLoose.key))).toBeNull();
    expect(await dest().stat(fileKey(sha256, null))).toBeNull();
    const verified = await verifyBackup(dest(), latest.key, {
      encryptionKey: null,
      databaseUrl: t.config.databaseUrl,
    });
    expect(verified.ok).toBe(true);
  });

  it('takes the scheduled backup once its time has passed, and once only', async () => {
    await t.request({
      method: 'PATCH',
      url: '/api/settings/system',
      cookie: admin.cookie,
      payload: { backups: { times: ['00:00'] } },
    });
    // The last backup was before today's 00:00.
    await t.app.ctx.db.execute(sql`UPDATE backups SET started_at = now() - interval '2 days'`);
    const due = () =>
      t.app.ctx.db.execute(
        sql`UPDATE job_schedules SET next_run_at = now() - interval '1 second' WHERE name = 'backups.scheduled'`,
      );
    await t.app.ctx.jobs.runSchedules();
    await due();
    await t.app.ctx.jobs.runSchedules();
    const scheduledOnes = () =>
      queryRows(t.app.ctx.db, sql`SELECT status FROM backups WHERE trigger = 'scheduled'`);
    expect(await scheduledOnes()).toEqual([{ status: 'verified' }]);
    await due();
    await t.app.ctx.jobs.runSchedules();
    expect(await scheduledOnes()).toHaveLength(1);
  });
});
