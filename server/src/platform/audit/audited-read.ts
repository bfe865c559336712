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
  nextHashSql,
} from './audit.writer.ts';

export type AuditedRead = AuditEntry & {
  /** The key of `details` that lists the ids of the rows returned (the first `listed` of them). */
  idsKey: string;
  listed: number;
  /**
   * The read's plan does not depend on its values (exact lookups, not LIKE patterns): run it as a named
   * prepared statement, parsed once per connection and, once PostgreSQL finds its generic plan as good,
   * planned once too.
   */
  prepare?: boolean;
};

/** The statement around a read: its parameters follow the read's `count`; built once per read text. */
const statements = new Map<string, { text: string; name: string }>();
function statementFor(readText: string, count: number): { text: string; name: string } {
  const known = statements.get(readText);
  if (known) return known;
  let n = count;
  const $ = () => `$${++n}`;
  const [before, after, listed] = [$(), $(), $()];
  const columns = AUDIT_COLUMNS.split(',').map($);
  const [details, path] = [columns.pop(), $()];
  const text = `with found as materialized (select r.*, row_number() over () as audit_ord from (${readText}) r),
      listed as (
        select ${before}::text || '[' || coalesce(string_agg('"' || f.id::text || '"', ',' order by f.audit_ord), '')
                 || ']' || ${after}::text as hashed,
               coalesce(jsonb_agg(f.id order by f.audit_ord), '[]'::jsonb) as ids
        from found f where f.audit_ord <= ${listed}::int),
      head as (
        update audit_chain_head set prev_hash = hash, hash = ${nextHashSql('(select hashed from listed)')}
        where id = 1 and set_config('synchronous_commit', 'off', true) is not null
        returning prev_hash, hash),
      logged as (
        insert into audit_events (${AUDIT_COLUMNS}, prev_hash, hash)
        select ${columns.join(', ')}, jsonb_set(${details}::jsonb, ${path}::text[], (select ids from listed)),
               head.prev_hash, head.hash
        from head returning id)
      select f.*, l.n as audited from (select count(*)::int as n from logged) l
        left join found f on true order by f.audit_ord`;
  const statement = { text, name: `audited_${createHash('sha1').update(text).digest('hex')}` };
  // Read shapes are few; the bound only guards against a caller building texts with values inlined.
  if (statements.size >= 1000) statements.clear();
  statements.set(readText, statement);
  return statement;
}

/**
 * Runs `read` (rows in order, each with an `id`) and appends its audit event naming the ids it returned, in
 * one statement: one round trip for a search and its audit trail. The ids only exist inside the statement,
 * so the hashed text is built around them there: JS renders the event with a unique marker in place of the
 * id list and the statement puts the list, rendered as canonicalJson would, between the two halves.
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
  const marker = `ids-${randomUUID()}`;
  const content = auditContent(actor, { ...entry, details: { ...entry.details, [entry.idsKey]: marker } });
  const [before, after] = hashedText(content).split(JSON.stringify(marker));
  const event = auditValues({ ...content, details: { ...content.details, [entry.idsKey]: [] } });
  const { text: readText, values } = renderSql(executor, read);
  const { text, name } = statementFor(readText, values.length);
  values.push(before, after, entry.listed, ...event, `{${entry.idsKey}}`);
  const rows = await runStatement<T & { audit_ord: number | null; audited: number }>(
    executor,
    text,
    values,
    entry.prepare ? name : undefined,
  );
  if (rows[0]?.audited !== 1) throw new Error('the audit chain head row is missing');
  const found = rows.filter((r) => r.audit_ord !== null);
  for (const r of found) {
    delete (r as { audit_ord?: unknown }).audit_ord;
    delete (r as { audited?: unknown }).audited;
  }
  return found;
}
