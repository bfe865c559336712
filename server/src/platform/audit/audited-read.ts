import { createHash, randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { type Executor, renderSql, runStatement } from '../db/database.ts';
import { hashedText } from './audit.hash.ts';
import {
  type ActorContext,
  AUDIT_COLUMNS,
  type AuditEntry,
  auditContent,
  auditValues,
  claimHeadCte,
  type HeadClaim,
  withHeadClaim,
} from './audit.writer.ts';

export type AuditedRead = AuditEntry & {
  /**
   * A search: the key of `details` that lists the ids of the rows returned (the first `listed` of them).
   * Without it the event is known in full before the read (a read of one record named in the entry).
   */
  ids?: { key: string; listed: number };
  /** Write the event only when the read found a row (a record that does not exist was not read). */
  onlyIfFound?: boolean;
  /**
   * The read's plan does not depend on its values (exact lookups, not LIKE patterns): run it as a named
   * prepared statement, parsed once per connection and, once PostgreSQL finds its generic plan as good,
   * planned once too.
   */
  prepare?: boolean;
};

type Shape = { count: number; claim: HeadClaim; ids: boolean; onlyIfFound: boolean };

/** The statement around a read: its parameters follow the read's `count`; built once per read text and shape. */
const statements = new Map<string, { text: string; name: string }>();
function statementFor(readText: string, shape: Shape): { text: string; name: string } {
  const key = `${shape.claim.wait}/${shape.ids}/${shape.onlyIfFound}\u0000${readText}`;
  const known = statements.get(key);
  if (known) return known;
  let n = shape.count;
  const $ = () => `$${++n}`;
  // With ids: the hashed text's halves around the id list, and how many ids to list; else the whole text.
  const [before, after, listed] = shape.ids ? [$(), $(), $()] : [$()];
  const columns = AUDIT_COLUMNS.split(',').map($);
  const details = columns.pop();
  const listedCte = shape.ids
    ? `select ${before}::text || '[' || coalesce(string_agg('"' || f.id::text || '"', ',' order by f.audit_ord), '')
               || ']' || ${after}::text as hashed,
             jsonb_set(${details}::jsonb, ${$()}::text[], coalesce(jsonb_agg(f.id order by f.audit_ord), '[]'::jsonb))
               as details
        from found f where f.audit_ord <= ${listed}::int`
    : `select ${before}::text as hashed, ${details}::jsonb as details`;
  const text = `with found as materialized (select r.*, row_number() over () as audit_ord from (${readText}) r),
      listed as (${listedCte}),
      ${claimHeadCte('(select hashed from listed)', shape.claim, shape.onlyIfFound ? 'exists (select 1 from found)' : undefined)},
      logged as (
        insert into audit_events (${AUDIT_COLUMNS}, chain, prev_hash, hash)
        select ${columns.join(', ')}, (select details from listed), head.id, head.prev_hash, head.hash
        from head returning id)
      select f.*, l.n as audited from (select count(*)::int as n from logged) l
        left join found f on true order by f.audit_ord`;
  const statement = { text, name: `audited_${createHash('sha1').update(text).digest('hex')}` };
  // Read shapes are few; the bound only guards against a caller building texts with values inlined.
  if (statements.size >= 1000) statements.clear();
  statements.set(key, statement);
  return statement;
}

/**
 * Runs `read` (rows in order, each with an `id`) and appends its audit event, in one statement: one round
 * trip for a read and its audit trail. For a search the event names the ids it returned; they only exist
 * inside the statement, so the hashed text is built around them there: JS renders the event with a unique
 * marker in place of the id list and the statement puts the list, rendered as canonicalJson would, between
 * the two halves.
 *
 * Only for reads outside a caller's transaction: the statement's own commit does not wait for the disk (a
 * crash may lose the last fraction of a second of read events, never a change, and never a link a later
 * durable commit depends on).
 */
export async function auditedRead<T extends { id: string }>(
  executor: Executor,
  actor: ActorContext,
  read: SQL,
  entry: AuditedRead,
): Promise<T[]> {
  const { ids, onlyIfFound = false, prepare, ...audit } = entry;
  const { text: readText, values } = renderSql(executor, read);
  const count = values.length;
  if (ids) {
    const marker = `ids-${randomUUID()}`;
    const content = auditContent(actor, { ...audit, details: { ...audit.details, [ids.key]: marker } });
    const [before, after] = hashedText(content).split(JSON.stringify(marker));
    const event = auditValues({ ...content, details: { ...content.details, [ids.key]: [] } });
    values.push(before, after, ids.listed, ...event, `{${ids.key}}`);
  } else {
    const content = auditContent(actor, audit);
    values.push(hashedText(content), ...auditValues(content));
  }
  const rows = await withHeadClaim(true, async (claim) => {
    const { text, name } = statementFor(readText, { count, claim, ids: Boolean(ids), onlyIfFound });
    const answer = await runStatement<T & { audit_ord: number | null; audited: number }>(
      executor,
      text,
      values,
      prepare ? name : undefined,
    );
    const eventDue = !onlyIfFound || answer.some((r) => r.audit_ord !== null);
    // No event although one was due: every chain head was held by another transaction.
    return !eventDue || answer[0]?.audited === 1 ? answer : undefined;
  });
  const found = rows.filter((r) => r.audit_ord !== null);
  for (const r of found) {
    delete (r as { audit_ord?: unknown }).audit_ord;
    delete (r as { audited?: unknown }).audited;
  }
  return found;
}
