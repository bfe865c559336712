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

const appendStatement = preparedStatement<{ id: number }>(
  'audit_append',
  `with head as (
     update audit_chain_head
     set prev_hash = hash, hash = encode(sha256(convert_to(hash || E'\\n' || $1, 'UTF8')), 'hex')
     where id = 1
     returning prev_hash, hash)
   insert into audit_events (at, actor_id, actor_email, action, resource_type, resource_id, patient_id, outcome,
                             ip, user_agent, request_id, details, prev_hash, hash)
   select $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, head.prev_hash, head.hash from head
   returning id`,
);

/**
 * One statement: advance the chain head (its row lock orders concurrent writers; the hash is computed in SQL
 * from the head as committed, with the same bytes chainHash() uses) and insert the event with that hash.
 */
async function append(executor: Executor, actor: ActorContext, entry: AuditEntry): Promise<void> {
  const content: HashedContent = {
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
  const rows = await appendStatement(executor, [
    hashedText(content),
    content.at,
    content.actorId,
    content.actorEmail,
    content.action,
    content.resourceType,
    content.resourceId,
    content.patientId,
    content.outcome,
    content.ip,
    content.userAgent,
    content.requestId,
    JSON.stringify(content.details),
  ]);
  if (rows.length !== 1) throw new Error('the audit chain head row is missing');
}

/** Writes one audit event inside the caller's transaction (or a new one), so it commits with the change. */
export function writeAudit(executor: Executor, actor: ActorContext, entry: AuditEntry): Promise<void> {
  return append(executor, actor, entry);
}
