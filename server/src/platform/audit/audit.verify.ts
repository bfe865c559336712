import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { chainHash, GENESIS_HASH } from './audit.hash.ts';
import { auditChainHead, auditEvents } from './audit.schema.ts';

export type VerifyResult =
  | { ok: true; checked: number; chains: number }
  | { ok: false; checked: number; brokenId: number | null; chain?: number; reason: string };

/**
 * Walks every chain at once in id order, in pages, recomputing each row's hash from the previous row of its
 * chain. The heads are read first: each head's hash must be found as the newest event of its chain as of
 * then (events appended meanwhile come after it), so events removed from a chain's end are found too.
 */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<VerifyResult> {
  const heads = await db.select().from(auditChainHead);
  const headHash = new Map(heads.map((h) => [h.id, h.hash]));
  const last = new Map<number, string>();
  const headSeen = new Map(heads.map((h) => [h.id, h.hash === GENESIS_HASH]));
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const { id, chain, prevHash, hash, ...content } = row;
      const before = last.get(chain) ?? GENESIS_HASH;
      if (!headSeen.has(chain)) {
        return { ok: false, checked, brokenId: id, chain, reason: `its chain ${chain} has no head` };
      }
      if (prevHash !== before) {
        return {
          ok: false,
          checked,
          brokenId: id,
          chain,
          reason: 'its previous-hash does not match the row before it in its chain',
        };
      }
      if (chainHash(prevHash, content) !== hash) {
        return { ok: false, checked, brokenId: id, chain, reason: 'its content does not match its hash' };
      }
      if (headHash.get(chain) === hash) headSeen.set(chain, true);
      last.set(chain, hash);
      lastId = id;
      checked++;
    }
  }
  for (const [chain, seen] of headSeen) {
    if (!seen) {
      return {
        ok: false,
        checked,
        brokenId: null,
        chain,
        reason: `the newest event of chain ${chain} is missing (its head names a hash no event has)`,
      };
    }
  }
  return { ok: true, checked, chains: heads.length };
}
