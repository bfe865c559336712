import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/database.ts';
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
};

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
  const values = auditValues({ ...content, details: { ...content.details, [entry.idsKey]: [] } });
  const rows = await queryRows<T & { audit_ord: number | null; audited: number }>(
    executor,
    sql`with found as materialized (select r.*, row_number() over () as audit_ord from (${read}) r),
      listed as (
        select ${before} || '[' || coalesce(string_agg('"' || f.id::text || '"', ',' order by f.audit_ord), '')
                 || ']' || ${after} as hashed,
               coalesce(jsonb_agg(f.id order by f.audit_ord), '[]'::jsonb) as ids
        from found f where f.audit_ord <= ${entry.listed}),
      head as (
        update audit_chain_head set prev_hash = hash, hash = ${sql.raw(nextHashSql('(select hashed from listed)'))}
        where id = 1 and set_config('synchronous_commit', 'off', true) is not null
        returning prev_hash, hash),
      logged as (
        insert into audit_events (${sql.raw(AUDIT_COLUMNS)}, prev_hash, hash)
        select ${sql.join(
          values.slice(0, -1).map((v) => sql`${v}`),
          sql`, `,
        )}, jsonb_set(${values.at(-1)}::jsonb, ${`{${entry.idsKey}}`}::text[], (select ids from listed)),
               head.prev_hash, head.hash
        from head returning id)
      select f.*, l.n as audited from (select count(*)::int as n from logged) l
        left join found f on true order by f.audit_ord`,
  );
  if (rows[0]?.audited !== 1) throw new Error('the audit chain head row is missing');
  const found = rows.filter((r) => r.audit_ord !== null);
  for (const r of found) {
    delete (r as { audit_ord?: unknown }).audit_ord;
    delete (r as { audited?: unknown }).audited;
  }
  return found;
}
