import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createTestDatabase, onPostgres } from '../../test/test-database.ts';
import type { Database, Executor } from '../db/database.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { auditEvents } from './audit.schema.ts';
import { verifyAuditChain } from './audit.verify.ts';
import { AUDIT_CHAINS, SYSTEM_ACTOR, writeAudit } from './audit.writer.ts';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/carebase.mjs');

/** Changes rows the way only a database superuser could: with the append-only trigger switched off. */
async function asSuperuser(db: Executor, statement: SQL): Promise<void> {
  await db.execute(sql.raw('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only'));
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql.raw('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only'));
  }
}

/** The message of a failed query, including the database's own (drizzle wraps it as the cause). */
async function failure(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
  return 'it did not fail';
}

describe('verifyAuditChain', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ['nurse', 'doctor', 'nurse', 'receptionist']) await t.userWithRoles([role]);
  });
  afterAll(async () => t?.close());
  const rows = () => t.app.ctx.db.select().from(auditEvents).orderBy(asc(auditEvents.id));

  it('finds a fresh chain intact, across pages', async () => {
    const all = await rows();
    expect(all.length).toBeGreaterThan(6);
    expect(await verifyAuditChain(t.app.ctx.db, 3)).toEqual({ ok: true, checked: all.length, chains: 16 });
  });

  it('keeps one unbroken chain when many writers append at once, some inside transactions that roll back', async () => {
    const db = t.app.ctx.db;
    const before = (await rows()).length;
    const writes = Array.from({ length: 40 }, (_, i) =>
      i % 5 === 4
        ? db
            .transaction(async (tx) => {
              await writeAudit(tx, SYSTEM_ACTOR, { action: 'test.rolled_back', resourceType: 'test' });
              throw new Error('roll back');
            })
            .catch(() => undefined)
        : writeAudit(db, SYSTEM_ACTOR, { action: 'test.parallel', resourceType: 'test', details: { i } }),
    );
    await Promise.all(writes);
    const all = await rows();
    expect(all.length - before).toBe(32);
    expect(all.some((r) => r.action === 'test.rolled_back')).toBe(false);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: all.length, chains: 16 });
    // PostgreSQL runs the writers on several connections at once: they spread over several chains.
    const chains = new Set(all.filter((r) => r.action === 'test.parallel').map((r) => r.chain));
    if (onPostgres) expect(chains.size).toBeGreaterThan(1);
  });

  it('keeps the events of one transaction in one chain, in order', async () => {
    const db = t.app.ctx.db;
    await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++)
        await writeAudit(tx, SYSTEM_ACTOR, { action: 'test.same_tx', resourceType: 'test', details: { i } });
    });
    const mine = (await rows()).filter((r) => r.action === 'test.same_tx');
    expect(new Set(mine.map((r) => r.chain)).size).toBe(1);
    expect(mine.map((r) => r.details.i)).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.prevHash).toBe(mine[i - 1]!.hash);
  });

  it('lets more transactions than there are chains append at once: the extra ones wait, none deadlocks', async () => {
    const url = (t.database as { url?: string }).url;
    if (!url) return; // PGlite has one connection: one transaction at a time
    const wide = await openPostgres(url, AUDIT_CHAINS + 8);
    try {
      const before = (await rows()).length;
      // Each transaction appends, pauses holding its head, then appends again to the same chain.
      await Promise.all(
        Array.from({ length: AUDIT_CHAINS + 8 }, (_, i) =>
          wide.db.transaction(async (tx) => {
            const pair = (n: number) => ({ action: 'test.pair', resourceType: 'test', details: { i, n } });
            await writeAudit(tx, SYSTEM_ACTOR, pair(1));
            await new Promise((r) => setTimeout(r, 100));
            await writeAudit(tx, SYSTEM_ACTOR, pair(2));
          }),
        ),
      );
      const pairs = (await rows()).slice(before).filter((r) => r.action === 'test.pair');
      expect(pairs).toHaveLength(2 * (AUDIT_CHAINS + 8));
      expect(new Set(pairs.map((r) => r.chain)).size).toBe(AUDIT_CHAINS);
      for (let i = 0; i < AUDIT_CHAINS + 8; i++) {
        const two = pairs.filter((r) => r.details.i === i);
        expect(two[0]!.chain).toBe(two[1]!.chain);
      }
      expect((await verifyAuditChain(t.app.ctx.db)).ok).toBe(true);
    } finally {
      await wide.close();
    }
  });

  it('refuses a plain UPDATE, DELETE or TRUNCATE of the audit trail', async () => {
    const db = t.app.ctx.db;
    expect(await failure(db.execute(sql`update audit_events set action = 'x'`))).toContain('append-only');
    expect(await failure(db.execute(sql`delete from audit_events`))).toContain('append-only');
    expect(await failure(db.execute(sql`truncate audit_events`))).toContain('append-only');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('names the row whose content was changed', async () => {
    const all = await rows();
    const target = all[3]!;
    await asSuperuser(t.app.ctx.db, sql`UPDATE audit_events SET details = '{"x":1}' WHERE id = ${target.id}`);
    expect(await verifyAuditChain(t.app.ctx.db, 2)).toEqual({
      ok: false,
      checked: 3,
      brokenId: target.id,
      chain: target.chain,
      reason: 'its content does not match its hash',
    });
    const original = JSON.stringify(target.details);
    await asSuperuser(
      t.app.ctx.db,
      sql`UPDATE audit_events SET details = ${original}::jsonb WHERE id = ${target.id}`,
    );
    expect((await verifyAuditChain(t.app.ctx.db)).ok).toBe(true);
  });

  it('names the next row of the same chain after one that was removed', async () => {
    const all = await rows();
    const removed = all[2]!;
    const next = all.find((r) => r.id > removed.id && r.chain === removed.chain)!;
    await asSuperuser(t.app.ctx.db, sql`DELETE FROM audit_events WHERE id = ${removed.id}`);
    const result = await verifyAuditChain(t.app.ctx.db);
    expect(result).toMatchObject({
      ok: false,
      brokenId: next.id,
      chain: removed.chain,
      reason: 'its previous-hash does not match the row before it in its chain',
    });
    const [gone] = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.id, removed.id));
    expect(gone).toBeUndefined();
  });

  it("finds a chain's newest event removed", async () => {
    const fresh = await createTestApp();
    try {
      await fresh.userWithRoles(['nurse']);
      await writeAudit(fresh.app.ctx.db, SYSTEM_ACTOR, { action: 'test.tail', resourceType: 'test' });
      const [tail] = await fresh.app.ctx.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'test.tail'));
      await asSuperuser(fresh.app.ctx.db, sql`DELETE FROM audit_events WHERE id = ${tail!.id}`);
      expect(await verifyAuditChain(fresh.app.ctx.db)).toMatchObject({
        ok: false,
        brokenId: null,
        chain: tail!.chain,
        reason: expect.stringContaining(`newest event of chain ${tail!.chain} is missing`),
      });
    } finally {
      await fresh.close();
    }
  });
});

type CliResult = { code: number | null; output: string };

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...base } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...base, LOG_LEVEL: 'error', ...env } });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npx carebase audit-verify', () => {
  let dataDir: string;
  let pg: (Database & { url?: string }) | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-cli-'));
    env = { DATA_DIR: dataDir };
    if (onPostgres) {
      pg = await createTestDatabase();
      env.DATABASE_URL = pg.url!;
    }
    const created = await runCli(
      ['create-admin', '--email', 'a@b.org', '--password', 'Vivid-Otter-Lamp-42'],
      env,
    );
    expect(created, created.output).toMatchObject({ code: 0 });
  }, 60_000);
  afterAll(async () => {
    await pg?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Tampers with the first user.create event in the CLI's database; returns its id. */
  async function tamper(): Promise<number> {
    const database = pg ?? (await openPglite({ dataDir }));
    try {
      const [row] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.create'));
      await asSuperuser(database.db, sql`UPDATE audit_events SET details = '{"x":1}' WHERE id = ${row!.id}`);
      return row!.id;
    } finally {
      if (!pg) await database.close();
    }
  }

  it('exits 0 on an intact trail and 1 naming the tampered row', async () => {
    const intact = await runCli(['audit-verify'], env);
    expect(intact.code, intact.output).toBe(0);
    expect(intact.output).toMatch(/Audit trail intact: \d+ events checked/);

    const id = await tamper();
    const broken = await runCli(['audit-verify'], env);
    expect(broken.code, broken.output).toBe(1);
    expect(broken.output).toContain(`BROKEN at event id ${id}`);
  }, 60_000);
});
