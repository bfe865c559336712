import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { manifestKey } from '../modules/operations/backup-manifest.ts';
import { queryRows } from '../platform/db/database.ts';
import { createTestDatabase } from '../test/test-database.ts';
import { backupCommand, backupVerifyCommand } from './backups.ts';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/carebase.mjs');
let config: Config;
let testDb: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-kill-'));

/** Files of 4 MB, numbered from `from`, each different. */
async function addFiles(from: number, count: number): Promise<void> {
  const app = await buildApp(config, { startJobs: false });
  try {
    const base = Buffer.alloc(4 * 1024 * 1024, 7);
    for (let i = from; i < from + count; i++) {
      const content = Buffer.from(base);
      content.writeUInt32LE(i, 0);
      await app.ctx.blobs.put(app.ctx.db, content, { contentType: 'application/pdf' });
    }
  } finally {
    await app.close();
  }
}

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) testDb = await createTestDatabase();
  config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(testDb?.url ? { DATABASE_URL: testDb.url } : {}),
  });
  await addFiles(0, 3);
});
afterAll(async () => {
  await testDb?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `carebase backup` and kills it with SIGKILL as soon as it starts copying files. */
function backupKilledHalfway(): Promise<string> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      CAREBASE_FROM_SOURCE: '1',
    };
    delete env.DATABASE_URL;
    if (testDb?.url) env.DATABASE_URL = testDb.url;
    const child = spawn(process.execPath, [CLI, 'backup'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d;
      if (/^Files/m.test(err)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(err) : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

describe('a backup cut off by kill -9', () => {
  it('leaves the earlier backups intact and no half backup listed as good', {
    timeout: 120_000,
  }, async () => {
    const earlier = await backupCommand(config);
    expect(earlier.code, earlier.err.join('\n')).toBe(0);
    const [earlierPath = ''] = earlier.out;

    // New files, so that the next backup has some to copy while it is killed.
    await addFiles(3, 50);
    await backupKilledHalfway();

    expect((await backupVerifyCommand(config, earlierPath)).code).toBe(0);
    const app = await buildApp(config, { startJobs: false });
    try {
      const cut = await queryRows<{ key: string; status: string }>(
        app.ctx.db,
        sql`SELECT key, status FROM backups WHERE status = 'running'`,
      );
      expect(cut).toHaveLength(1);
      const [{ key = '' } = {}] = cut;
      // Nothing under it can pass for a backup: it has no manifest.
      expect(fs.existsSync(path.join(config.backupUrl, manifestKey(key)))).toBe(false);
      const verdict = await backupVerifyCommand(config, key);
      expect(verdict).toMatchObject({ code: 1, err: [expect.stringContaining('has no manifest')] });
      // Once its heartbeat is old, it is listed as failed, and the next backup runs and prunes its pieces.
      await app.ctx.db.execute(
        sql`UPDATE backups SET heartbeat_at = now() - interval '1 hour' WHERE key = ${key}`,
      );
    } finally {
      await app.close();
    }
    const next = await backupCommand(config);
    expect(next.code, next.err.join('\n')).toBe(0);
    const again = await buildApp(config, { startJobs: false });
    try {
      const rows = await queryRows<{ status: string; error: string | null }>(
        again.ctx.db,
        sql`SELECT status, error FROM backups ORDER BY started_at`,
      );
      expect(rows.map((r) => r.status)).toEqual(['verified', 'failed', 'verified']);
      expect(rows[1]?.error).toContain('server stopped');
    } finally {
      await again.close();
    }
  });
});
