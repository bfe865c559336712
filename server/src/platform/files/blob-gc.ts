import fs from 'node:fs/promises';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { arrayParam, type Db, queryRows } from '../db/database.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { BlobStore } from './blob-store.ts';
import { blobKey } from './blob-store.ts';

/** One place rows name blobs: a select of one text column, `sha256`, listing every blob those rows refer to. */
export type BlobReference = { name: string; select: SQL };

export type GarbageReport = { removed: number; bytes: number; strayObjects: number; staleStaging: number };

export type GcOptions = {
  /** Blobs put (or put again) more recently than this are left alone: their rows may not be committed yet. */
  graceMs: number;
  batchSize?: number;
};

const SHA_KEY = /^[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})$/;

/**
 * Removes blobs no row refers to, in batches. Each batch locks its candidates (skipping any a writer holds:
 * a put touching the row, or a reference being inserted under a foreign key), deletes their rows (a foreign
 * key still naming one refuses the whole batch) and then their objects, in one transaction. Then it removes stray objects (stored, but with no row: an upload whose
 * transaction rolled back) and staging files left by a stopped server, both only once older than the grace.
 */
export async function collectGarbage(
  db: Db,
  store: BlobStore,
  references: readonly BlobReference[],
  options: GcOptions,
): Promise<GarbageReport> {
  const report: GarbageReport = { removed: 0, bytes: 0, strayObjects: 0, staleStaging: 0 };
  const batchSize = options.batchSize ?? 200;
  const unreferenced = sql.join(
    references.map((r) => sql`NOT EXISTS (SELECT 1 FROM (${r.select}) AS ref WHERE ref.sha256 = b.sha256)`),
    sql` AND `,
  );
  const where = references.length ? sql`AND ${unreferenced}` : sql``;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const found = await queryRows<{ sha256: string; size: string | number }>(
        tx,
        sql`SELECT b.sha256, b.size FROM blobs b
          WHERE b.touched_at < now() - make_interval(secs => ${options.graceMs / 1000}) ${where}
          ORDER BY b.sha256 LIMIT ${batchSize} FOR UPDATE OF b SKIP LOCKED`,
      );
      if (found.length)
        await tx.execute(
          sql`DELETE FROM blobs WHERE sha256 = ANY(${arrayParam(
            found.map((r) => r.sha256),
            'text[]',
          )})`,
        );
      // Inside the transaction: a put of the same content waits on the row lock until the object is gone, then
      // brings it in again. A failed removal rolls the rows back; they stay unreferenced and go next time.
      for (const row of found) await store.backend.remove(blobKey(row.sha256));
      return found;
    });
    report.removed += batch.length;
    report.bytes += batch.reduce((sum, r) => sum + Number(r.size), 0);
    if (batch.length < batchSize) break;
  }
  report.strayObjects = await removeStrayObjects(db, store, options.graceMs);
  report.staleStaging = await removeStaleStaging(store.backend.stagingDir, options.graceMs);
  return report;
}

async function removeStrayObjects(db: Db, store: BlobStore, graceMs: number): Promise<number> {
  const cutoff = Date.now() - graceMs;
  let removed = 0;
  let pending: string[] = [];
  const flush = async () => {
    const known = await queryRows<{ sha256: string }>(
      db,
      sql`SELECT sha256 FROM blobs WHERE sha256 = ANY(${arrayParam(pending, 'text[]')})`,
    );
    const kept = new Set(known.map((r) => r.sha256));
    for (const sha of pending) {
      if (kept.has(sha)) continue;
      await store.backend.remove(blobKey(sha));
      removed++;
    }
    pending = [];
  };
  for await (const object of store.backend.list()) {
    const sha = SHA_KEY.exec(object.key)?.[1];
    if (!sha || object.modifiedAt.getTime() > cutoff) continue;
    pending.push(sha);
    if (pending.length >= 500) await flush();
  }
  if (pending.length) await flush();
  return removed;
}

async function removeStaleStaging(dir: string, graceMs: number): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  const cutoff = Date.now() - Math.max(graceMs, 24 * 3600_000);
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isFile() && stat.mtimeMs < cutoff) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

export const BLOB_GC_SCHEDULE = 'files.collect-garbage';
const HOUR = 3600_000;

/** Runs the collector every hour, leaving alone whatever was put in the last hour. */
export function scheduleBlobCollection(
  deps: { db: Db; blobs: BlobStore; jobs: Jobs; log: FastifyBaseLogger },
  references: readonly BlobReference[],
): void {
  deps.jobs.every(BLOB_GC_SCHEDULE, HOUR, async () => {
    const report = await collectGarbage(deps.db, deps.blobs, references, { graceMs: HOUR });
    if (report.removed || report.strayObjects || report.staleStaging)
      deps.log.info({ ...report }, 'unreferenced files removed');
  });
}
