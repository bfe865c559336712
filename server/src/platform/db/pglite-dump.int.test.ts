import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { onPostgres } from '../../test/test-database.ts';
import { verifyAuditChain } from '../audit/audit.verify.ts';
import { SYSTEM_ACTOR, writeAudit } from '../audit/audit.writer.ts';
import type { Database } from './database.ts';
import { countRowsPerTable, dumpDatabase } from './database-dump.ts';
import { dumpPglite, openPglite } from './pglite.ts';
import { unpackPgliteDataDir } from './pglite-dump.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-pglite-dump-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Two audit events in one transaction: a copy holding one without the other is torn. */
const writePair = (database: Database, n: number) =>
  database.db.transaction(async (tx) => {
    for (const half of ['a', 'b'])
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'test.write',
        resourceType: 'test',
        resourceId: `${n}${half}`,
      });
  });

/** Unpacks a gzipped data folder into a new DATA_DIR and opens it, as restore and verify do. */
async function openUnpacked(gzipped: Readable): Promise<Database> {
  const dataDir = tempDir();
  await unpackPgliteDataDir(gzipped, path.join(dataDir, 'pg'));
  return openPglite({ dataDir });
}

/** The migrated template of the tests (a dumpDataDir tarball) as a database on a folder. */
async function folderDatabase(): Promise<Database> {
  const template = fs.createReadStream(inject('pgliteTemplate')).pipe(createGzip());
  return openUnpacked(template);
}

// The template below is made only for the embedded run; on PostgreSQL there is no embedded database to dump.
describe.skipIf(onPostgres)('the embedded database dumped from its folder', () => {
  it('restores to a consistent copy while another caller keeps writing during the backup', async () => {
    const source = await folderDatabase();
    let restored: Database | undefined;
    try {
      for (let n = 0; n < 20; n++) await writePair(source, n);
      let writing = true;
      let written = 20;
      const writer = (async () => {
        while (writing) await writePair(source, written++);
      })();
      await new Promise((r) => setTimeout(r, 100));
      const dump = await dumpDatabase(source, undefined);
      const file = path.join(tempDir(), 'database.tar.gz');
      await Promise.all([pipeline(dump.stream, fs.createWriteStream(file)), dump.done]);
      await new Promise((r) => setTimeout(r, 100));
      writing = false;
      await writer;

      restored = await openUnpacked(fs.createReadStream(file));
      const counts = await countRowsPerTable(restored.db);
      expect(counts).toEqual(dump.counts);
      const events = counts['public.audit_events'] ?? 0;
      const atEnd = (await countRowsPerTable(source.db))['public.audit_events'] ?? 0;
      // Some pairs were written after the copy, none was torn by it.
      expect(events).toBeLessThan(atEnd);
      expect((atEnd - events) % 2).toBe(0);
      expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true });
    } finally {
      await restored?.close();
      await source.close();
    }
  });

  it('still restores a tarball made by dumpDataDir, as backups were taken before', async () => {
    const template = fs.readFileSync(inject('pgliteTemplate'));
    const source = await openPglite({ from: new Blob([template]) });
    let restored: Database | undefined;
    try {
      for (let n = 0; n < 5; n++) await writePair(source, n);
      const blob = await dumpPglite(source, 'gzip');
      restored = await openUnpacked(Readable.from([Buffer.from(await blob.arrayBuffer())]));
      expect(await countRowsPerTable(restored.db)).toEqual(await countRowsPerTable(source.db));
      expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true });
    } finally {
      await restored?.close();
      await source.close();
    }
  });
});
