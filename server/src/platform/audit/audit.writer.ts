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

/** The event's columns, in the order of `auditValues`. */
export const AUDIT_COLUMNS = `at, actor_id, actor_email, action, resource_type, resource_id, patient_id, outcome,
  ip, user_agent, request_id, details`;

/**
 * The chain head's next hash, computed in SQL from the head as committed and `text` (an SQL expression
 * giving the hashed text): the same bytes chainHash() uses.
 */
export const nextHashSql = (text: string) =>
  `encode(sha256(convert_to(hash || E'\\n' || ${text}, 'UTF8')), 'hex')`;

const appendStatement = preparedStatement<{ id: number }>(
  'audit_append',
  `with head as (
     update audit_chain_head set prev_hash = hash, hash = ${nextHashSql('$1')} where id = 1
     returning prev_hash, hash)
   insert into audit_events (${AUDIT_COLUMNS}, prev_hash, hash)
   select $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, head.prev_hash, head.hash from head
   returning id`,
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
 * One statement: advance the chain head (its row lock orders concurrent writers) and insert the event with
 * that hash.
 */
async function append(executor: Executor, actor: ActorContext, entry: AuditEntry): Promise<void> {
  const content = auditContent(actor, entry);
  const rows = await appendStatement(executor, [hashedText(content), ...auditValues(content)]);
  if (rows.length !== 1) throw new Error('the audit chain head row is missing');
}

/** Writes one audit event inside the caller's transaction (or a new one), so it commits with the change. */
export function writeAudit(executor: Executor, actor: ActorContext, entry: AuditEntry): Promise<void> {
  return append(executor, actor, entry);
}
