import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { chainHash, GENESIS_HASH } from './audit.hash.ts';
import { auditEvents } from './audit.schema.ts';

export type VerifyResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenId: number; reason: string };

/** Walks the chain in id order, in pages, recomputing each row's hash. */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          brokenId: row.id,
          reason: 'its previous-hash does not match the row before it',
        };
      }
      const { id: _id, prevHash: _p, hash, ...content } = row;
      if (chainHash(prevHash, content) !== hash) {
        return { ok: false, checked, brokenId: row.id, reason: 'its content does not match its hash' };
      }
      prevHash = hash;
      lastId = row.id;
      checked++;
    }
  }
}
