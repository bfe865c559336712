import { type SQL, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Executor, preparedStatement } from '../db/database.ts';
import { type HashedContent, hashedText } from './audit.hash.ts';

/** Who did it and from where; taken from the request by the auth layer. */
export type ActorContext = {
  actorId: string | null;
  actorEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
};

export const SYSTEM_ACTOR: ActorContext = {
  actorId: null,
  actorEmail: 'system',
  ip: null,
  userAgent: null,
  requestId: null,
};

export type AuditEntry = {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome?: 'success' | 'denied' | 'failed';
  details?: Record<string, unknown>;
};

/** The patients a list showed, each once: what a list read's event records as `patientIds`. */
export function patientIdsOf(rows: readonly { patientId: string }[]): string[] {
  return [...new Set(rows.map((r) => r.patientId))];
}

/** The event's columns, in the order of `auditValues`. */
export const AUDIT_COLUMNS = `at, actor_id, actor_email, action, resource_type, resource_id, patient_id, outcome,
  ip, user_agent, request_id, details`;

/** Rows of audit_chain_head (migration 0016): independent chains, so up to this many writers never wait. */
export const AUDIT_CHAINS = 16;

export type HeadClaim = {
  /** Wait for a head when every one is held by another transaction (the rare fallback), or give up. */
  wait: boolean;
  /** Outside a transaction only: the statement's commit does not wait for the disk (reads, refusals). */
  asyncCommit: boolean;
};

/**
 * A CTE `head` that claims a chain head and advances it by `text` (an SQL expression giving the hashed text):
 * the next hash is computed in SQL from the head as committed, from the same bytes chainHash() uses. A
 * transaction keeps the chain it claimed first (remembered in a transaction-local setting), so its events
 * stay in order and it never waits for a second head while holding one; otherwise it takes the first head
 * no other transaction holds, starting from one that depends on the connection, so connections spread
 * over the chains. With `wait: false` and every head held, `head` is empty and nothing is inserted; so it is
 * when the condition `when` (SQL) is false.
 */
export function claimHeadCte(text: string, claim: HeadClaim, when?: string): string {
  return `head as (
     update audit_chain_head h set prev_hash = h.hash,
       hash = encode(sha256(convert_to(h.hash || E'\\n' || ${text}, 'UTF8')), 'hex')
     where h.id = (
       select c.id from audit_chain_head c
       where c.id = coalesce(nullif(current_setting('carebase.audit_chain', true), '')::smallint, c.id)
       order by (c.id + pg_backend_pid()) % ${AUDIT_CHAINS} limit 1 for update${claim.wait ? '' : ' skip locked'})${
         when ? ` and ${when}` : ''
       }
     returning h.id, h.prev_hash, h.hash, set_config('carebase.audit_chain', h.id::text, true)${
       claim.asyncCommit ? ", set_config('synchronous_commit', 'off', true)" : ''
     })`;
}

const claims: HeadClaim[] = [false, true].flatMap((asyncCommit) =>
  [false, true].map((wait) => ({ wait, asyncCommit })),
);
const appendStatements = new Map(
  claims.map((claim) => [
    `${claim.wait}/${claim.asyncCommit}`,
    preparedStatement<{ id: number }>(
      `audit_append${claim.wait ? '_wait' : ''}${claim.asyncCommit ? '_async' : ''}`,
      `with ${claimHeadCte('$1', claim)}
       insert into audit_events (${AUDIT_COLUMNS}, chain, prev_hash, hash)
       select $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, head.id, head.prev_hash, head.hash
       from head returning id`,
    ),
  ]),
);

/** What an event's hash covers, stamped now. */
export function auditContent(actor: ActorContext, entry: AuditEntry): HashedContent {
  return {
    at: new Date().toISOString(),
    actorId: actor.actorId,
    actorEmail: actor.actorEmail,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    patientId: entry.patientId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: actor.ip,
    userAgent: actor.userAgent,
    requestId: actor.requestId,
    details: entry.details ?? {},
  };
}

/** The values of AUDIT_COLUMNS for this content (details as JSON text). */
export function auditValues(c: HashedContent): unknown[] {
  return [
    c.at,
    c.actorId,
    c.actorEmail,
    c.action,
    c.resourceType,
    c.resourceId,
    c.patientId,
    c.outcome,
    c.ip,
    c.userAgent,
    c.requestId,
    JSON.stringify(c.details),
  ];
}

/**
 * Runs an append statement that claims a free chain head; in the rare case that every head is held by
 * another transaction, runs it again waiting for one.
 */
export async function withHeadClaim<T>(
  asyncCommit: boolean,
  run: (claim: HeadClaim) => Promise<T | undefined>,
): Promise<T> {
  const done = await run({ wait: false, asyncCommit });
  if (done !== undefined) return done;
  const waited = await run({ wait: true, asyncCommit });
  if (waited === undefined) throw new Error('the audit chain heads are missing');
  return waited;
}

async function append(
  executor: Executor,
  actor: ActorContext,
  entry: AuditEntry,
  asyncCommit: boolean,
): Promise<void> {
  const content = auditContent(actor, entry);
  const values = [hashedText(content), ...auditValues(content)];
  await withHeadClaim(asyncCommit, async (claim) => {
    const rows = await appendStatements.get(`${claim.wait}/${claim.asyncCommit}`)!(executor, values);
    return rows.length === 1 ? true : undefined;
  });
}

/**
 * The common table expressions (`head`, `audit_logged`) that append an audit event within a statement that
 * writes more, in the caller's transaction, saving the event its own round trip. The chain head is claimed
 * without waiting: when every head is held by another transaction nothing is logged (`audit_logged` is
 * empty), and the caller writes the event with writeAudit instead, which waits.
 */
export function auditCtes(actor: ActorContext, entry: AuditEntry): SQL[] {
  const content = auditContent(actor, entry);
  const values = auditValues(content);
  const details = values.pop();
  const [beforeText, afterText] = claimHeadCte('\u0000', { wait: false, asyncCommit: false }).split('\u0000');
  return [
    sql`${sql.raw(beforeText ?? '')}${hashedText(content)}::text${sql.raw(afterText ?? '')}`,
    sql`audit_logged as (
          insert into audit_events (${sql.raw(AUDIT_COLUMNS)}, chain, prev_hash, hash)
          select ${sql.join(
            values.map((v) => sql`${v}`),
            sql`, `,
          )}, ${details}::jsonb, head.id, head.prev_hash, head.hash
          from head returning id
        )`,
  ];
}

/** Writes one audit event inside the caller's transaction (or a new one), so it commits with the change. */
export function writeAudit(executor: Executor, actor: ActorContext, entry: AuditEntry): Promise<void> {
  return append(executor, actor, entry, false);
}

/**
 * The audit event of a read or of a refused attempt. Outside a transaction its commit does not wait for the
 * disk: a crash may lose the last fraction of a second of such events, never a change, and never a link that
 * a later durable commit depends on. Inside a transaction it commits with the transaction, as writeAudit.
 */
export function writeReadAudit(executor: Executor, actor: ActorContext, entry: AuditEntry): Promise<void> {
  return append(executor, actor, entry, !(executor instanceof PgTransaction));
}
